/**
 * The answer to a request refused in front of the app (proxy.ts): too large (413), or not a shape our pages send
 * (400, 415). A call from script gets JSON it can read; a browser that posted a form gets a page in its language
 * (Accept-Language: the proxy runs before any session is read), with the technical reason in English beside it.
 */
import { createTranslator } from 'next-intl'
import { localeFromAcceptLanguage } from '../core/locale'
import en from '../../messages/en.json'
import zh from '../../messages/zh.json'

export type RefusalKind = { kind: 'too-large'; maxBytes: number } | { kind: 'malformed'; status: 400 | 403 | 415; reason: string }

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function refusalResponse(refusal: RefusalKind, headers: Headers): Response {
  const status = refusal.kind === 'too-large' ? 413 : refusal.status
  const reason = refusal.kind === 'too-large' ? `the body is over ${refusal.maxBytes} bytes` : refusal.reason
  // No `Connection: close`: Node reads and drops the rest of the body, so the client sees this answer instead of a
  // connection reset in the middle of its upload.
  const common = { 'Cache-Control': 'no-store' }
  if (headers.get('next-action') !== null || !(headers.get('accept') ?? '').includes('text/html')) {
    const code = refusal.kind === 'too-large' ? 'BODY_TOO_LARGE' : refusal.status === 403 ? 'FOREIGN_ORIGIN' : 'MALFORMED_ACTION'
    return new Response(JSON.stringify({ error: `Refused: ${reason}.`, code }), { status, headers: { ...common, 'Content-Type': 'application/json' } })
  }
  const locale = localeFromAcceptLanguage(headers.get('accept-language'))
  const t = createTranslator({ locale, messages: locale === 'zh' ? zh : en })
  const text = refusal.kind === 'too-large' ? t('refused.tooLarge', { maxKb: refusal.maxBytes / 1024 }) : t('refused.malformed')
  const page = `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('refused.heading'))} · Keyclaims</title></head><body><main><h1>${escapeHtml(t('refused.heading'))}</h1><p>${escapeHtml(text)}</p><p>${escapeHtml(t('refused.detail'))} <code lang="en">${escapeHtml(reason)}</code></p><p><a href="/">${escapeHtml(t('refused.home'))}</a></p></main></body></html>`
  return new Response(page, { status, headers: { ...common, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" } })
}
