/** The app's study data layer: the use-cases of study-service.ts over the store that fits the database. */
import 'server-only'
import { db } from '../db/prisma'
import { createStudy } from './study-service'
import { prismaStudyStore } from './study-prisma'
import { sqliteStudyStore } from './study-sqlite'

export const study = createStudy(db.provider === 'sqlite' ? sqliteStudyStore(db) : prismaStudyStore(db.prisma))

export type { StudyCard, TodayCounts } from './study-service'
export type { GradeInput } from './study-store'
