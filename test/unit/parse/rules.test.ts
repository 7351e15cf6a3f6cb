import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { ClauseFacts } from '../../../src/parse/clause-facts.ts'
import { CLAUSE_RULES } from '../../../src/parse/clause-rules.ts'
import { classifyClause } from '../../../src/parse/clauses.ts'
import { normalizeMessage } from '../../../src/parse/normalize.ts'
import { PHRASE_FAMILIES, shows } from '../../../src/parse/phrases.ts'

const calendar = loadCalendar()
const TODAY = '2026-03-10' // a Tuesday
/** As the parser sees a clause: simplified and half-width. */
const plain = (text: string) => normalizeMessage(text).text

describe('the rule tables can be read', () => {
  it('every phrase family and every clause rule has examples and look-alikes', () => {
    const bare = [...PHRASE_FAMILIES, ...CLAUSE_RULES].filter((f) => f.examples.length === 0 || f.not.length === 0).map((f) => f.name)
    expect(bare).toEqual([])
  })

  it('no line of the parser is longer than 200 characters', () => {
    const folder = new URL('../../../src/parse/', import.meta.url)
    const long = readdirSync(folder)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) =>
        readFileSync(new URL(name, folder), 'utf8')
          .split('\n')
          .map((line, i) => [`${name}:${i + 1}`, line.length] as const)
          .filter(([, length]) => length > 200),
      )
    expect(long).toEqual([])
  })
})

describe('every phrase family shows in its examples and not in its look-alikes', () => {
  for (const family of PHRASE_FAMILIES) {
    it.each(family.examples.map((e) => [e]))(`${family.name}: %s`, (example) => {
      expect(shows(plain(example), family.name)).toBe(true)
    })
    it.each(family.not.map((e) => [e]))(`${family.name}, not: %s`, (example) => {
      expect(shows(plain(example), family.name)).toBe(false)
    })
  }
})

describe('every clause rule decides its examples, first in the table, and none of its look-alikes', () => {
  for (const rule of CLAUSE_RULES) {
    it.each(rule.examples.map(([clause, role]) => [clause, role]))(`${rule.name}: %s → %s`, (clause, role) => {
      const decided = classifyClause(plain(clause), TODAY, calendar)
      expect([decided.rule, decided.role]).toEqual([rule.name, role])
    })
    it.each(rule.not.map((c) => [c]))(`${rule.name}, not: %s`, (clause) => {
      expect(rule.decide(new ClauseFacts(plain(clause), TODAY, calendar))).toBeNull()
    })
  }
})
