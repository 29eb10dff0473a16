'use client'
/**
 * When the root layout itself fails (the database is gone, say), nothing of it can be used: not the catalogues'
 * provider, not the person's language. This page stands in for the whole document and says the same in both
 * interface languages, each marked with its own `lang`.
 */
// Only the error page's words (messages/error.json): the catalogues would come with it into every page's JavaScript.
import errorPage from '@/messages/error.json'

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main>
          {[
            { lang: 'en', m: errorPage.en },
            { lang: 'zh-Hans', m: errorPage.zh },
          ].map(({ lang, m }) => (
            <section key={lang} lang={lang}>
              <h1>{m.heading}</h1>
              <p role={lang === 'en' ? 'alert' : undefined}>{m.text}</p>
              <button type="button" onClick={reset}>{m.retry}</button>
            </section>
          ))}
        </main>
      </body>
    </html>
  )
}
