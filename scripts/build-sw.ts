/**
 * Builds the service worker (worker/sw.ts → public/sw.js) after `next build` (issue #37): Serwist's build step
 * (@serwist/cli's runBuildCommand: esbuild, with the precache list injected) over the build's static files and
 * public/. Run by `npm run build` and by scripts/start.ts' buildIfNeeded (so `npm start` and the e2e servers have
 * it); called as a function rather than through the `serwist` command, which would look up its own updates online.
 * A Next config plugin (@serwist/next's classic mode) needs webpack; Next 16 builds with Turbopack.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { runBuildCommand } from '@serwist/cli'
import { projectRoot } from '../lib/db/config'

/** Where the precache list's files are, and the URLs they are served at. */
const STATIC_PREFIX = '.next/static/'

export async function buildServiceWorker(): Promise<void> {
  if (!existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) throw new Error('Run `next build` first: the service worker precaches its output.')
  await runBuildCommand({
    watch: false,
    config: {
      swSrc: path.join(projectRoot, 'worker', 'sw.ts'),
      swDest: path.join(projectRoot, 'public', 'sw.js'),
      globDirectory: projectRoot,
      // The scripts, styles and fonts of the build (not its server files) and the icons.
      globPatterns: [`${STATIC_PREFIX}**/*.{js,css,woff2}`, 'public/icons/*.png'],
      globIgnores: ['public/sw.js'],
      // Large chunks (the source maps are not listed) are still precached: the review screen needs all of its code.
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      // Next's static files carry a hash in their names: no revision is needed to tell versions apart.
      dontCacheBustURLsMatching: /^\/_next\/static\//,
      manifestTransforms: [
        async (entries) => ({
          manifest: entries.map((e) => ({
            ...e,
            url: e.url.startsWith(STATIC_PREFIX) ? `/_next/static/${e.url.slice(STATIC_PREFIX.length)}` : e.url.replace(/^public\//, '/'),
            ...(e.url.startsWith(STATIC_PREFIX) ? { revision: null } : {}),
          })),
          warnings: [],
        }),
      ],
      esbuildOptions: { define: { 'process.env.NODE_ENV': '"production"' } },
    },
  })
}

if (require.main === module) {
  buildServiceWorker().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
