/** The Anki exports (anki-export-service.ts) on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createAnkiExport } from './anki-export-service'

export const ankiExport = createAnkiExport(db.exec)
