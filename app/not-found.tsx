import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { pageTitle } from '@/lib/server/i18n'

// The tab and the history say what happened ("Page not found · Keyclaims"), not just the site's name.
export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('notFound'))('title'))
}

export default async function NotFound() {
  const t = await getTranslations('notFound')
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t.rich('text', { link: (chunks) => <Link href="/">{chunks}</Link> })}</p>
    </>
  )
}
