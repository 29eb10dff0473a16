/** The app's quiz use cases (quiz-service.ts) on the app's database, grading through the app's study layer. */
import 'server-only'
import { db } from '../db/prisma'
import { createQuiz } from './quiz-service'
import { study } from './study'

export const quiz = createQuiz(db.exec, study)

export type { QuizView, QuizSummary, QuizCard, QuizResults, ClaimOutcome, QuizAnswerResult } from './quiz-service'
