import { describe, expect, it } from 'vitest'
import { missedCards, quizCards, quizOptionsSchema, resultsByClaim, shuffled, talkQuizCards, type QuizClaim } from './quiz'

const claim = (claimId: string, o: Partial<QuizClaim> = {}): QuizClaim => ({
  claimId,
  sectionKey: 'd/01',
  core: false,
  tags: [],
  weakestRetrievability: null,
  cardIds: [`${claimId}.a`, `${claimId}.b`],
  ...o,
})

const claims = [
  claim('c1', { core: true, tags: ['scale'], weakestRetrievability: 0.95 }),
  claim('c2', { sectionKey: 'd/02', tags: ['safety'], weakestRetrievability: 0.4 }),
  claim('c3', { sectionKey: 'd/02', core: true, weakestRetrievability: 0.4 }),
  claim('c4', { sectionKey: 'd/03', tags: ['scale', 'safety'] }),
]

const parse = (o: Record<string, unknown>) => quizOptionsSchema.parse({ length: 100, order: 'deck', ...o })

describe('choosing a quiz', () => {
  it('takes the scope\'s cards in interview order, up to the length', () => {
    expect(quizCards(claims, parse({ scope: 'all', length: 3 }), 's')).toEqual(['c1.a', 'c1.b', 'c2.a'])
    expect(quizCards(claims, parse({ scope: 'sections', sections: ['d/02', 'd/03'] }), 's')).toEqual(['c2.a', 'c2.b', 'c3.a', 'c3.b', 'c4.a', 'c4.b'])
    expect(quizCards(claims, parse({ scope: 'tags', tags: ['safety'] }), 's')).toEqual(['c2.a', 'c2.b', 'c4.a', 'c4.b'])
    expect(quizCards(claims, parse({ scope: 'all', coreOnly: true }), 's')).toEqual(['c1.a', 'c1.b', 'c3.a', 'c3.b'])
    expect(quizCards(claims, parse({ scope: 'unstudied' }), 's')).toEqual(['c4.a', 'c4.b'])
  })

  it('takes the N weakest seen claims, weakest first, ties in interview order; never an unseen one', () => {
    expect(quizCards(claims, parse({ scope: 'weakest', weakest: 2 }), 's')).toEqual(['c2.a', 'c2.b', 'c3.a', 'c3.b'])
    expect(quizCards(claims, parse({ scope: 'weakest', weakest: 10 }), 's')).toEqual(['c2.a', 'c2.b', 'c3.a', 'c3.b', 'c1.a', 'c1.b'])
    expect(quizCards(claims, parse({ scope: 'weakest', weakest: 1, coreOnly: true }), 's')).toEqual(['c3.a', 'c3.b'])
  })

  it('quizzes a talk: its sections\' and tags\' claims, never studied first, then the weakest, ties in interview order', () => {
    // c1 (0.95) is in scope by its tag, c2 and c3 (0.4) by their section, c4 (never studied) by both.
    expect(talkQuizCards(claims, { sections: ['d/02', 'd/03'], tags: ['scale'] }, 100)).toEqual(['c4.a', 'c4.b', 'c2.a', 'c2.b', 'c3.a', 'c3.b', 'c1.a', 'c1.b'])
    expect(talkQuizCards(claims, { sections: ['d/01'], tags: ['safety'] }, 3)).toEqual(['c4.a', 'c4.b', 'c2.a'])
    expect(talkQuizCards(claims, { sections: ['d/09'], tags: [] }, 20)).toEqual([])
  })

  it('shuffles the same way for the same seed, and differently for another', () => {
    const o = parse({ scope: 'all', order: 'shuffled' })
    const one = quizCards(claims, o, 'seed-1')
    expect(quizCards(claims, o, 'seed-1')).toEqual(one)
    expect([...one].sort()).toEqual(quizCards(claims, parse({ scope: 'all' }), 'x').sort())
    expect(shuffled(one, 'seed-2')).not.toEqual(one)
  })

  it('refuses a scope without its choices, and lengths out of range, with the field named', () => {
    const issues = (o: Record<string, unknown>) => quizOptionsSchema.safeParse(o).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues({ scope: 'sections', length: 10 })).toEqual([['sections', 'errors.quizNoSection']])
    expect(issues({ scope: 'tags', length: 10 })).toEqual([['tags', 'errors.quizNoTag']])
    expect(issues({ scope: 'all', length: 0 })).toEqual([['length', 'errors.quizLengthRange']])
    expect(issues({ scope: 'all', length: 201 })).toEqual([['length', 'errors.quizLengthRange']])
    expect(issues({ scope: 'weakest', weakest: 2.5, length: 10 })).toEqual([['weakest', 'errors.numberWhole']])
    expect(issues({ scope: 'everything', length: 10 })).toEqual([['scope', 'errors.quizScope']])
  })
})

describe('the results by claim', () => {
  const answers = [
    { cardId: 'c1.a', claimId: 'c1', rating: 2 },
    { cardId: 'c2.a', claimId: 'c2', rating: 4 },
    { cardId: 'c1.b', claimId: 'c1', rating: 3 },
    { cardId: 'c2.b', claimId: 'c2', rating: 1 },
  ]
  it('is known when every card asked of it was Hard or better, else missed', () => {
    expect(resultsByClaim(answers)).toEqual([
      { claimId: 'c1', known: true, cardIds: ['c1.a', 'c1.b'] },
      { claimId: 'c2', known: false, cardIds: ['c2.a', 'c2.b'] },
    ])
  })
  it('quizzes again every card asked of each missed claim, in the order asked', () => {
    expect(missedCards(answers)).toEqual(['c2.a', 'c2.b'])
    expect(missedCards(answers.filter((a) => a.rating > 1))).toEqual([])
  })
})
