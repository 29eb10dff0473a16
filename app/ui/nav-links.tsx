'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'

export function NavLinks({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname()
  const links = [
    { href: '/', label: 'Home' },
    { href: '/deck', label: 'Deck' },
    ...(signedIn
      ? [
          { href: '/review', label: 'Review' },
          { href: '/settings', label: 'Settings' },
          { href: '/account', label: 'Account' },
        ]
      : []),
  ]
  return (
    <nav className="site-nav" aria-label="Main">
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
