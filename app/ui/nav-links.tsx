'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useTranslations } from 'next-intl'

export function NavLinks({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname()
  const t = useTranslations('nav')
  const links = [
    { href: '/', label: t('home') },
    // For a signed-in person the interview map takes the deck overview's place (/deck still answers).
    signedIn ? { href: '/progress', label: t('progress') } : { href: '/deck', label: t('deck') },
    ...(signedIn
      ? [
          { href: '/review', label: t('review') },
          { href: '/statistics', label: t('statistics') },
          { href: '/settings', label: t('settings') },
          { href: '/account', label: t('account') },
        ]
      : []),
  ]
  return (
    <nav className="site-nav" aria-label={t('main')}>
      <ul>
        {links.map((l) => {
          const current = l.href === '/' ? pathname === '/' : pathname.startsWith(l.href)
          return (
            <li key={l.href}>
              <Link href={l.href} aria-current={current ? 'page' : undefined}>{l.label}</Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
