/**
 * Accounts: better-auth with email and password, sessions in the database through the one Prisma client.
 * The secret comes from BETTER_AUTH_SECRET, which `npm start` sets from var/auth-secret (created on first start).
 * BETTER_AUTH_URL is the public URL of a deployment; without it any localhost or 127.0.0.1 port is accepted.
 */
import 'server-only'
import { betterAuth } from 'better-auth'
import { prismaAdapter } from 'better-auth/adapters/prisma'
import { nextCookies } from 'better-auth/next-js'
import { db } from '../db/prisma'

const publicUrl = process.env.BETTER_AUTH_URL?.trim()

export const auth = betterAuth({
  appName: 'Keyclaims',
  database: prismaAdapter(db.prisma, { provider: db.provider }),
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: publicUrl || { allowedHosts: ['localhost:*', '127.0.0.1:*', 'localhost', '127.0.0.1'], protocol: 'http' },
  emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
  session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
  user: { deleteUser: { enabled: true } },
  telemetry: { enabled: false },
  plugins: [nextCookies()],
})

export type AuthSession = typeof auth.$Infer.Session
