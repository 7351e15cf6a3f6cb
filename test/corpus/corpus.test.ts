import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORPUS, scoreConversations, scoreMessages } from '../../src/cli/corpus.ts'
import { settingsFromEnv } from '../../src/settings.ts'

/**
 * The project's own yardstick (corpus/README.md): the parser on labelled single messages and the
 * replay on labelled whole conversations, held above thresholds a little under today's scores so
 * that a change which makes the ledger worse fails here. `npm run corpus -- --verbose` lists misses.
 */
const { rules } = settingsFromEnv({})

describe('the corpus of the repository', () => {
  it('single messages: detection macro-F1 ≥ 0.84, field accuracy ≥ 0.92', () => {
    const score = scoreMessages(join(CORPUS, 'messages.jsonl'), rules)
    expect(score.macroF1).toBeGreaterThanOrEqual(0.84)
    expect(score.fieldAccuracy).toBeGreaterThanOrEqual(0.92)
  })

  it('whole conversations: ledger score ≥ 0.86, and follow-ups mostly join their issue', async () => {
    const score = await scoreConversations(join(CORPUS, 'conversations.jsonl'), rules)
    expect(score.ledgerScore).toBeGreaterThanOrEqual(0.86)
    expect(score.parts.followUps).toBeGreaterThanOrEqual(0.8)
    expect(score.parts.quiet).toBeGreaterThanOrEqual(0.95)
  }, 30_000)
})
