import Link from 'next/link'
import { useTranslations } from 'next-intl'

export default function NotFound() {
  const t = useTranslations('notFound')
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t.rich('text', { link: (chunks) => <Link href="/">{chunks}</Link> })}</p>
    </>
  )
}
