/** The app's progress use cases (progress-service.ts) on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createProgress } from './progress-service'

export const progress = createProgress(db.exec)

export type { InterviewMap, SectionProgress, ClaimProgress, Statistics, HomeProgress, ClaimAnswer } from './progress-service'
