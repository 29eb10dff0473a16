// @ts-check
// next-intl's plugin points next-intl at i18n/request.ts (the per-request locale, messages and time zone), and
// precompiles the catalogues (below).
const createNextIntlPlugin = require('next-intl/plugin')

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WebAssembly-backed packages stay plain Node requires on the server.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', '@open-spaced-repetition/binding'],
  experimental: {
    // proxy.ts refuses a server action's body over 64 KiB (ACTION_BODY_MAX_BYTES, lib/core/request-limits.ts) with
    // a 413. Next buffers a copy of the body for the proxy up to this size and silently drops the rest, from the
    // chunk that crosses it on (a socket read, at most 64 KiB): at 256 KiB what the proxy sees of a larger body is
    // still over 64 KiB, so a chunked body is caught too, and no POST makes the server hold more than this.
    proxyClientMaxBodySize: 256 * 1024,
    // Next's own cap, behind the proxy's: it would answer 500, so the proxy answers first.
    serverActions: { bodySizeLimit: '64kb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ]
  },
}

module.exports = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  // Every messages/*.json (error.json too) is compiled to icu-minify's form when the app is built, and formatted
  // without an ICU parser: none is sent to the browser (40 KB of every page's JavaScript, 12 KB compressed), and no
  // page parses a message. tests/messages-precompiled.test.ts checks that every message, given its values, reads the
  // same either way (a value left out now prints "undefined": docs/architecture.md).
  experimental: { messages: { path: './messages', format: 'json', locales: ['en', 'zh'], precompile: true } },
})(nextConfig)
