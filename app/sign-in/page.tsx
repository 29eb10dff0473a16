import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { currentUser, safeNext } from '@/lib/server/session'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in · Keyclaims' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams
  if (await currentUser()) redirect(safeNext(next))
  return (
    <>
      <h1>Sign in</h1>
      {next && next !== '/' ? <p className="notice">Sign in to continue; you will come back to where you were.</p> : null}
      <SignInForm next={safeNext(next)} />
      <p>
        New here? <Link href={`/sign-up${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`}>Create an account</Link>
      </p>
    </>
  )
}
