import type { Metadata, Viewport } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { getLocale, getTranslations } from 'next-intl/server'
import { currentUser } from '@/lib/server/session'
import { htmlLang } from '@/lib/core/display-language'
import { NavLinks } from './ui/nav-links'
import { ClientMessages } from './ui/client-messages'
import { ServiceWorker } from './ui/service-worker'
import { SignOutForm } from './ui/sign-out-form'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta')
  return { title: t('title'), description: t('description') }
}
export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  // The installed app's title bar: the accent in light mode, the page's background in dark mode (globals.css).
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#1f5fae' },
    { media: '(prefers-color-scheme: dark)', color: '#141413' },
  ],
}

// Every page depends on who is signed in and on the database: nothing is prerendered at build time.
export const dynamic = 'force-dynamic'

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, locale, t] = await Promise.all([currentUser(), getLocale(), getTranslations('layout')])
  return (
    <html lang={htmlLang(locale)}>
      <body>
        {/* Client components get the same locale and time zone as the server, and the messages they use. */}
        <ClientMessages>
          <a className="skip-link" href="#main">{t('skip')}</a>
          {/* Without JavaScript the phone's Menu button cannot open: the links show as on a wide screen instead. */}
          <noscript>
            <style>{'.site-nav .nav-toggle { display: none !important; } .site-nav ul { display: flex !important; }'}</style>
          </noscript>
          <header className="site-header">
            <div className="inner">
              <Link className="brand" href="/">Keyclaims</Link>
              <NavLinks signedIn={!!user} />
              <div className="user-box">
                {user ? (
                  <>
                    <span className="user-name">{user.name}</span>
                    <SignOutForm label={t('signOut')} />
                  </>
                ) : (
                  <>
                    <Link href="/sign-in">{t('signIn')}</Link>
                    <Link href="/sign-up">{t('signUp')}</Link>
                  </>
                )}
              </div>
            </div>
          </header>
          <main id="main" tabIndex={-1}>{children}</main>
          <ServiceWorker userId={user?.id ?? null} />
        </ClientMessages>
      </body>
    </html>
  )
}
