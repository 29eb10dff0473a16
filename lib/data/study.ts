/** The app's study data layer: the use cases of study-service.ts on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createStudy } from './study-service'

export const study = createStudy(db.exec)

export type { StudyCard, TodayCounts, GradeInput, DaySummary } from './study-service'
