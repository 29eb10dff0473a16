'use client'
import { useTranslations } from 'next-intl'

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('error')
  return (
    <>
      <h1>{t('heading')}</h1>
      <p role="alert">{t('text')}</p>
      <button type="button" onClick={reset}>{t('retry')}</button>
    </>
  )
}
