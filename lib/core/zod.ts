/**
 * zod for every core module, which import it from here, never from 'zod' itself. The browser's modules import none
 * of these (tests/client-modules.test.ts), but should one come to, this keeps the page's policy whole: on its
 * first object schema zod probes whether it may compile code (`Function("")`); the pages' Content-Security-Policy
 * forbids eval, so the browser logs the probe as a CSP violation (Lighthouse's "Issues were logged", best practices).
 * In the browser zod then parses without compiling, which it never does on a hot path; the server keeps the JIT.
 */
import { z } from 'zod'

if (typeof window !== 'undefined') z.config({ jitless: true })

export { z }
