import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { ClauseFacts } from './clause-facts.ts'
import { CLAUSE_RULES, type Decision, type Role } from './clause-rules.ts'
import type { DateMention } from './dates.ts'
import type { FamilyName } from './phrases.ts'
import type { Stage } from './types.ts'

export type { Role } from './clause-rules.ts'

/** One clause of a message, with what it is doing and why. */
export interface Clause {
  text: string
  role: Role
  stage: Stage | null
  percent: number | null
  dates: DateMention[]
  planOnly: boolean
  weakProblem: boolean
  /** What else may be asked of it, worked out when asked ("does it name a stage at all?"). */
  facts: ClauseFacts
  /** The rule that decided, or null when none did (a neutral clause). */
  rule: string | null
  /** The phrase families the rules found in it. */
  families: FamilyName[]
}

/**
 * Clauses end at punctuation, line breaks and spaces ("场平已完成七成 计划下月底开工"), and a
 * question mark stays with its clause. A dot ends a clause only outside numbers: 3.15前, 1.2亿.
 * 、 joins a list inside one clause: "当年签约、当年供地".
 */
export function splitClauses(text: string): string[] {
  return text
    .split(/(?<=[?？])|[,，。;；!！\n]+|\s+|(?<!\d)\.|\.(?!\d)/)
    .map((c) => c.trim())
    .filter((c) => c !== '')
}

/** The role of a clause: the first rule of the table that decides it; neutral when none does. */
export function classifyClause(text: string, today: LocalDate, calendar: WorkingCalendar): Clause {
  const facts = new ClauseFacts(text, today, calendar)
  let decision: Decision = { role: 'neutral' }
  let rule: string | null = null
  for (const r of CLAUSE_RULES) {
    const d = r.decide(facts)
    if (d) {
      decision = d
      rule = r.name
      break
    }
  }
  return {
    text,
    role: decision.role,
    stage: decision.stage ?? null,
    percent: decision.percent ?? null,
    dates: facts.dates,
    planOnly: decision.planOnly ?? false,
    weakProblem: decision.weakProblem ?? false,
    facts,
    rule,
    families: facts.found(),
  }
}
