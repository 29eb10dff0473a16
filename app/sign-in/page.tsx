import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { currentUser, safeNext } from '@/lib/server/session'
import { pageTitle } from '@/lib/server/i18n'
import { SignInForm } from './sign-in-form'
import { ClientMessages } from '@/app/ui/client-messages'

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('auth'))('signInHeading'))
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams
  if (await currentUser()) redirect(safeNext(next))
  const t = await getTranslations('auth')
  return (
    <>
      <h1>{t('signInHeading')}</h1>
      {next && next !== '/' ? <p className="notice">{t('signInToContinue')}</p> : null}
      {/* The words its client components use come with this page only (i18n/client-namespaces.ts). */}
      <ClientMessages namespaces={['auth']}>
        <SignInForm next={safeNext(next)} />
      </ClientMessages>
      {/* The command is the same in every language: it is typed, not read. */}
      <p>{t.rich('forgotPassword', { command: () => <code lang="en" translate="no">npm run reset-password -- name@example.com</code> })}</p>
      <p>
        {t.rich('newHere', { link: (chunks) => <Link href={`/sign-up${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`}>{chunks}</Link> })}
      </p>
    </>
  )
}
