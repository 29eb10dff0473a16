import { getTranslations } from 'next-intl/server'
import { SelectField } from '@/app/ui/field'
import type { DisplayLanguage } from '@/lib/core/display-language'

/**
 * Account → Take it to Anki (issue #36): one form, the cards' language and two downloads. A plain GET form: the
 * browser downloads the file (the routes answer with an attachment) and the page stays, with or without script.
 */
export async function AnkiDownloads({ language }: { language: DisplayLanguage }) {
  const t = await getTranslations('account')
  const tSettings = await getTranslations('settings')
  return (
    <form method="get" action="/api/export/anki" className="stack" aria-labelledby="anki-heading">
      <p>{t('ankiIntro')}</p>
      <SelectField name="lang" label={t('ankiLanguage')} defaultValue={language} hint={t('ankiLanguageHint')}>
        <option value="en">{tSettings('displayEnglish')}</option>
        <option value="zh">{tSettings('displayChinese')}</option>
        <option value="both">{tSettings('displayBoth')}</option>
      </SelectField>
      <p>
        <button type="submit">{t('ankiText')}</button> {t('ankiTextHint')}
      </p>
      <p>
        <button type="submit" formAction="/api/export/anki-package">
          {t('ankiPackage')}
        </button>{' '}
        {t('ankiPackageHint')}
      </p>
    </form>
  )
}
