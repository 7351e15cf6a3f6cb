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

describe('every phrase family shows in its examples and not in its look-alikes', () => {
  for (const family of PHRASE_FAMILIES) {
    it.each(family.examples.map((e) => [e]))(`${family.name}: %s`, (example) => {
      expect(shows(plain(example), family.name)).toBe(true)
    })
    if (family.not && family.not.length > 0) {
      it.each(family.not.map((e) => [e]))(`${family.name}, not: %s`, (example) => {
        expect(shows(plain(example), family.name)).toBe(false)
      })
    }
  }
})

describe('every clause rule decides its examples, first in the table, and none of its look-alikes', () => {
  for (const rule of CLAUSE_RULES) {
    it.each(rule.examples.map(([clause, role]) => [clause, role]))(`${rule.name}: %s → %s`, (clause, role) => {
      const decided = classifyClause(plain(clause), TODAY, calendar)
      expect([decided.rule, decided.role]).toEqual([rule.name, role])
    })
    if (rule.not && rule.not.length > 0) {
      it.each(rule.not.map((c) => [c]))(`${rule.name}, not: %s`, (clause) => {
        expect(rule.decide(new ClauseFacts(plain(clause), TODAY, calendar))).toBeNull()
      })
    }
  }
})
