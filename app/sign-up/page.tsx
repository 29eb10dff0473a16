import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { currentUser, safeNext } from '@/lib/server/session'
import { pageTitle } from '@/lib/server/i18n'
import { SignUpForm } from './sign-up-form'
import { ClientMessages } from '@/app/ui/client-messages'

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('auth'))('signUp'))
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string; deleted?: string }> }) {
  const { next, deleted } = await searchParams
  if (await currentUser()) redirect(safeNext(next))
  const t = await getTranslations('auth')
  return (
    <>
      <h1>{t('signUpHeading')}</h1>
      {deleted ? <p role="status" className="notice">{t('deleted')}</p> : null}
      <p className="muted">{t('perAccount')}</p>
      {/* The words its client components use come with this page only (i18n/client-namespaces.ts). */}
      <ClientMessages namespaces={['auth']}>
        <SignUpForm next={safeNext(next)} />
      </ClientMessages>
      <p>
        {t.rich('haveAccount', { link: (chunks) => <Link href={`/sign-in${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`}>{chunks}</Link> })}
      </p>
    </>
  )
}
