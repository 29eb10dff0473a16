import type { MetadataRoute } from 'next'

/**
 * The web app manifest (served as /manifest.webmanifest and linked from every page): what a browser needs to offer
 * to install Keyclaims and open it like an app (issue #37). The icons are our key-on-a-card drawing (app/icon.svg) as
 * PNGs at the sizes browsers ask for, with a maskable one whose drawing keeps inside the safe zone. The theme colour
 * is the accent of the light theme; the dark one is set per colour scheme by the layout's viewport.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Keyclaims',
    short_name: 'Keyclaims',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#fbfaf7',
    theme_color: '#1f5fae',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  }
}
