/** The app's reader use cases (reading-service.ts) on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createReading } from './reading-service'
import { study } from './study'

export const reading = createReading(db.exec, study)

export type { AreaView, ReadingSection, SectionAreas, SectionReading } from './reading-service'
