/** Shared answers of the JSON routes: one shape for errors, field errors from zod, no raw errors to the client. */
import 'server-only'
import { NextResponse } from 'next/server'
import type { z } from 'zod'

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } })
}

export function fieldErrors(error: z.ZodError) {
  const fields: Record<string, string[]> = {}
  for (const issue of error.issues) (fields[issue.path.join('.') || 'body'] ??= []).push(issue.message)
  return jsonError(422, 'Some fields are not valid.', { fields })
}

export const unauthorized = () => jsonError(401, 'Sign in first.')
