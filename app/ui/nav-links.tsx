'use client'
/**
 * The app's main navigation, for the whole set of pages. On a wide screen every link shows in the header; on a phone
 * (≤ 640 px) a "Menu" button opens them (a disclosure: aria-expanded, aria-controls; Esc closes it and gives the focus
 * back to the button; following a link closes it). Without JavaScript the links simply show on the phone too
 * (app/layout.tsx's <noscript> style), so every page stays reachable.
 */
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'

export function NavLinks({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname()
  const t = useTranslations('nav')
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const links = signedIn
    ? [
        { href: '/', label: t('home') },
        { href: '/review', label: t('review') },
        { href: '/read', label: t('read') },
        { href: '/quiz', label: t('quiz') },
        // For a signed-in person the interview map takes the deck overview's place (/deck still answers).
        { href: '/progress', label: t('progress') },
        { href: '/statistics', label: t('statistics') },
        { href: '/talks', label: t('talks') },
        { href: '/browse', label: t('browse') },
        { href: '/settings', label: t('settings') },
        { href: '/account', label: t('account') },
      ]
    : [
        { href: '/', label: t('home') },
        { href: '/deck', label: t('deck') },
        { href: '/read', label: t('read') },
      ]
  const current = links.find((l) => isCurrent(l.href, pathname))

  // A page change closes the menu (the new page is what the person asked for): set while rendering, as React
  // advises for state that follows a prop, so the new page never paints with the menu still open.
  const [shownPath, setShownPath] = useState(pathname)
  if (shownPath !== pathname) {
    setShownPath(pathname)
    setOpen(false)
  }

  useEffect(() => {
    if (!open) return
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])

  return (
    <nav className="site-nav" aria-label={t('main')} data-open={open ? 'true' : undefined}>
      <button ref={button} type="button" className="nav-toggle" aria-expanded={open} aria-controls="site-nav-list" onClick={() => setOpen((o) => !o)}>
        {t('menu')}
        {/* Which page this is, next to the button on a phone: the current page stays marked with the menu closed. */}
        {current ? <span className="nav-here"> · {current.label}</span> : null}
      </button>
      <ul id="site-nav-list">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={l === current ? 'page' : undefined} onClick={() => setOpen(false)}>{l.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** Whether a link is the page shown: "/" only itself; the others their own path and what lies under it. */
function isCurrent(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)
}
