import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/parse/parse-message.ts'

// The team's labelled development set and scorer live beside the repository (../shared/corpus).
const corpus = resolve(import.meta.dirname, '../../../../shared/corpus')
const devSet = join(corpus, 'dev.jsonl')
const scorer = join(corpus, 'score.mjs')

interface Score {
  messages: number
  missingPredictions: number
  macroF1: number
  fieldMicro: number
}

describe('the parser on ../shared/corpus/dev.jsonl, scored by score.mjs', () => {
  it('reaches detection macro-F1 ≥ 0.97 and field accuracy ≥ 0.95', () => {
    expect(existsSync(devSet), `${devSet} is missing`).toBe(true)
    const lines = readFileSync(devSet, 'utf8').split('\n').filter((l) => l.trim())
    const predictions = lines.map((line) => {
      const { id, text, sentAt } = JSON.parse(line) as { id: string; text: string; sentAt: string }
      return JSON.stringify({ id, records: parseMessage(text, sentAt) })
    })
    const out = join(mkdtempSync(join(tmpdir(), 'duban-score-')), 'predictions.jsonl')
    writeFileSync(out, predictions.join('\n') + '\n')
    const score = JSON.parse(execFileSync(process.execPath, [scorer, devSet, out, '--json'], { encoding: 'utf8' })) as Score
    expect(score.messages).toBeGreaterThanOrEqual(100)
    expect(score.missingPredictions).toBe(0)
    expect(score.macroF1).toBeGreaterThanOrEqual(0.97)
    expect(score.fieldMicro).toBeGreaterThanOrEqual(0.95)
  })
})
