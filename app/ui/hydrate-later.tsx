import { Suspense, type ReactNode } from 'react'

/**
 * A long stretch of server-rendered markup (the interview map's claims, the statistics, a page of cards) that the
 * browser may make interactive after the rest of the page. In a Suspense boundary, React leaves it as the server sent
 * it during the page's first hydration and hydrates it afterwards in small slices that let the browser respond
 * between them (a click or key on it meanwhile hydrates it at once and is replayed), instead of in one long task that
 * blocks a slow phone. The boundary never shows a fallback: what it holds has its data when the page renders it.
 * Use it below the page's own checks (a redirect or a 404 must come before it, so the status code stays right).
 */
export function HydrateLater({ children }: { children: ReactNode }) {
  return <Suspense>{children}</Suspense>
}
