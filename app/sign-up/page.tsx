import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { currentUser, safeNext } from '@/lib/server/session'
import { SignUpForm } from './sign-up-form'

export const metadata: Metadata = { title: 'Sign up · Keyclaims' }

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string; deleted?: string }> }) {
  const { next, deleted } = await searchParams
  if (await currentUser()) redirect(safeNext(next))
  return (
    <>
      <h1>Create your account</h1>
      {deleted ? <p role="status" className="notice">Your account and all its data were deleted.</p> : null}
      <p className="muted">Your reviews and schedule are kept per account.</p>
      <SignUpForm next={safeNext(next)} />
      <p>
        Have an account? <Link href={`/sign-in${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`}>Sign in</Link>
      </p>
    </>
  )
}
