/** The app's quiz use cases (quiz-service.ts) on the app's database. */
import 'server-only'
import { db } from '../db/prisma'
import { createQuiz } from './quiz-service'

export const quiz = createQuiz(db.exec)

export type { QuizView, QuizSummary, QuizCard, QuizResults, ClaimOutcome, QuizAnswerResult } from './quiz-service'
