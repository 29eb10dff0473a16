'use client'
import { startTransition, type ReactNode } from 'react'

/**
 * A form whose fields React holds (controlled), sent by hand: React resets a form after its action, which would
 * undo the choices of a refused one. Validation is the server's (noValidate), so its messages are the ones shown.
 */
export function KeptForm({ action, className, children }: { action: (data: FormData) => void; className: string; children: ReactNode }) {
  return (
    <form
      action={action}
      onSubmit={(e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        startTransition(() => action(data))
      }}
      className={className}
      noValidate
    >
      {children}
    </form>
  )
}
