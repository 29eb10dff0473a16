import type { Metadata, Viewport } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { currentUser } from '@/lib/server/session'
import { signOut } from '@/app/actions/auth'
import { NavLinks } from './ui/nav-links'
import './globals.css'

export const metadata: Metadata = {
  title: 'Keyclaims',
  description: 'Learn and keep the key ideas of one long interview, scheduled by FSRS.',
}
export const viewport: Viewport = { width: 'device-width', initialScale: 1, colorScheme: 'light dark' }

// Every page depends on who is signed in and on the database: nothing is prerendered at build time.
export const dynamic = 'force-dynamic'

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser()
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="site-header">
          <div className="inner">
            <Link className="brand" href="/">Keyclaims</Link>
            <NavLinks signedIn={!!user} />
            <div className="user-box">
              {user ? (
                <>
                  <span>{user.name}</span>
                  <form action={signOut}>
                    <button type="submit" className="link-button">Sign out</button>
                  </form>
                </>
              ) : (
                <>
                  <Link href="/sign-in">Sign in</Link>
                  <Link href="/sign-up">Sign up</Link>
                </>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1}>{children}</main>
      </body>
    </html>
  )
}
