/** The app's account restore (account-restore-service.ts) on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createAccountRestore } from './account-restore-service'

export const accountRestore = createAccountRestore(db.exec)

export type { RestoreCheck, RestoreResult } from './account-restore-service'
