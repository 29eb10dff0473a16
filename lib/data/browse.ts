/** The card browser's data layer on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createBrowse } from './browse-service'

export const browse = createBrowse(db.exec)
