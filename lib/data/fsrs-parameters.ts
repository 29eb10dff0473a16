/** A person's FSRS parameters (fsrs-parameters-service.ts) on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createFsrsParameters } from './fsrs-parameters-service'

export const fsrsParameters = createFsrsParameters(db.exec)

export type { ParametersView, FitRecord } from './fsrs-parameters-service'
