/**
 * Accounts: better-auth with email and password, sessions in the database through the one Prisma client.
 * The secret comes from BETTER_AUTH_SECRET, which `npm start` sets from var/auth-secret (created on first start).
 * BETTER_AUTH_URL is the public URL of a deployment; without it any localhost or 127.0.0.1 port is accepted.
 * Field rules, the limits on password checks and deletion only with the password live in ./auth-guard.
 */
import 'server-only'
import { betterAuth } from 'better-auth'
import { prismaAdapter } from 'better-auth/adapters/prisma'
import { nextCookies } from 'better-auth/next-js'
import { db } from '../db/prisma'
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from '../core/account-fields'
import { afterAuth, beforeAuth, checkUserRow } from './auth-guard'

const publicUrl = process.env.BETTER_AUTH_URL?.trim()

export const auth = betterAuth({
  appName: 'Keyclaims',
  database: prismaAdapter(db.prisma, { provider: db.provider }),
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: publicUrl || { allowedHosts: ['localhost:*', '127.0.0.1:*', 'localhost', '127.0.0.1'], protocol: 'http' },
  emailAndPassword: { enabled: true, minPasswordLength: PASSWORD_MIN_CHARS, maxPasswordLength: PASSWORD_MAX_CHARS, autoSignIn: true },
  session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
  user: { deleteUser: { enabled: true } },
  hooks: { before: beforeAuth, after: afterAuth },
  databaseHooks: {
    user: {
      create: { before: async (user) => ({ data: checkUserRow({ ...user, image: null }) }) },
      update: { before: async (user) => ({ data: checkUserRow(user) }) },
    },
  },
  // scripts/server.mjs replaces any X-Forwarded-For a client sends with the one address it trusts (TRUSTED_PROXIES).
  advanced: { ipAddress: { ipAddressHeaders: ['x-forwarded-for'] } },
  rateLimit: {
    // Password checks have limits of their own, kept in the database (./auth-guard); better-auth's in-memory
    // 3-per-10-seconds on these paths would only refuse the right person sooner.
    customRules: { '/sign-in/email': false, '/sign-up/email': false, '/change-password': false, '/delete-user': false },
  },
  telemetry: { enabled: false },
  plugins: [nextCookies()],
})

