/** The app's study data layer: the use cases of study-service.ts on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createStudy } from './study-service'
import { plannedTodayWork } from './talk-service'

// A talk's planned cards join today's queue (lib/data/talk-service.ts).
export const study = createStudy(db.exec, { plannedToday: plannedTodayWork })

export type { StudyCard, TodayCounts, GradeInput, DaySummary } from './study-service'
