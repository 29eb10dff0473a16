'use client'
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p role="alert">The page could not be shown. Your answers already saved are safe. Try again, or reload the page.</p>
      <button type="button" onClick={reset}>Try again</button>
    </>
  )
}
