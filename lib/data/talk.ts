/** The app's talk use cases (talk-service.ts) on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createTalks } from './talk-service'

export const talks = createTalks(db.exec)

export type { Talk, TalkView, TalkClaim, TalkSection } from './talk-service'
