/** Which Chromium the e2e tests drive: the chosen one, else the system's, else the one npm install brought. */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { resolveChromium } from '../e2e/chromium'

describe('resolveChromium', () => {
  it('uses PLAYWRIGHT_CHROMIUM, and says so when it does not exist', () => {
    expect(resolveChromium({ PLAYWRIGHT_CHROMIUM: process.execPath }).executablePath).toBe(process.execPath)
    expect(() => resolveChromium({ PLAYWRIGHT_CHROMIUM: '/nowhere/chromium' })).toThrow('PLAYWRIGHT_CHROMIUM is /nowhere/chromium, which does not exist')
  })

  it("uses the system's Chromium when there is one", () => {
    expect(resolveChromium({}, process.execPath)).toMatchObject({ executablePath: process.execPath, source: expect.stringContaining('system') })
  })

  it('falls back to the Chromium inside @sparticuz/chromium, with flags that allow a second browser context', () => {
    const chromium = resolveChromium({}, '/nowhere/chromium')
    expect(chromium.source).toContain('@sparticuz/chromium')
    expect(existsSync(chromium.executablePath)).toBe(true)
    expect(chromium.args).not.toContain('--single-process')
    expect(chromium.args).not.toContain('--disable-web-security')
    expect(chromium.args).toContain('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost')
  }, 30_000)
})
