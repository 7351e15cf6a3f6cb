import { dateInZone, type LocalDate } from '../calendar/local-date.ts'
import { planRecords, type IssueTopic, type QuotedIssues, type RecordPlan } from '../domain/issue-matching.ts'
import { isAdmin, type Rules } from '../domain/rules.ts'
import { dueIsProvisional, issueDueDate, slaDueDate } from '../domain/sla.ts'
import type { Person, Project } from '../domain/types.ts'
import { parseMessage } from '../parse/parse-message.ts'
import type { ParsedRecord } from '../parse/types.ts'
import { findQuotedIssues, recordMessage, type Db, type IntakeEntry, type MessageIntake } from '../store/index.ts'
import type { MessageOutcome } from '../text/confirmation.ts'
import { asWritten } from './as-written.ts'
import type { ChatMessage } from './chat-message.ts'
import type { Remembered } from './remembered.ts'

/**
 * The message core: one pass from a group message to everything it did to the ledger. Pure where it
 * decides (`readRecords`, `decideMessage`, `outcomeOf`), one store call where it writes
 * (`recordMessage`). The router calls it for every group message; the replay, the corpus scorer and
 * the benchmarks reach it through the router, so all of them keep the same ledger.
 */

/**
 * The records a chat message gives: its sender's own words (leading @mentions dropped) read with its
 * quote; none for a command, a picture or a recall. `npm run parse` reads the same (parse-chat-text.ts).
 */
export function readRecords(msg: Pick<ChatMessage, 'kind' | 'body' | 'quote' | 'command' | 'sentAt'>, rules: Pick<Rules, 'calendar' | 'timeZone'>): ParsedRecord[] {
  if (msg.kind !== 'text' || msg.command) return []
  return parseMessage({ body: msg.body, quoted: msg.quote?.text, sentAt: msg.sentAt }, { calendar: rules.calendar, timeZone: rules.timeZone })
}

/** What a message is to do, decided before anything is written. */
export interface MessageDecision {
  /** Each record against the project's issues: new, a follow-up, a close (domain/issue-matching.ts). */
  plans: RecordPlan[]
  /** What the store writes, in order; each entry knows the plan it came from. */
  entries: IntakeEntry[]
  planOf: ReadonlyMap<IntakeEntry, RecordPlan>
}

/** Places a message's records against the project's issues and says what to write. Pure. */
export function decideMessage(input: {
  records: readonly ParsedRecord[]
  topics: readonly IssueTopic[]
  quoted: QuotedIssues | undefined
  projectName: string
  defaultDue?: (openedOn: LocalDate) => LocalDate | null
  sentAt?: Date
  /** The sender's own words the records were read from: what is written is shown in its characters. */
  body: string
}): MessageDecision {
  const plans = input.records.length > 0 ? planRecords(input) : []
  const planOf = new Map<IntakeEntry, RecordPlan>()
  for (const plan of plans) planOf.set(entryOf(plan, (summary) => asWritten(summary, input.body)), plan)
  return { plans, entries: [...planOf.keys()], planOf }
}

/** What to write for a plan; the records' words are placed as read, and written as the sender wrote them. */
function entryOf(plan: RecordPlan, shown: (summary: string) => string): IntakeEntry {
  switch (plan.kind) {
    case 'progress':
      return { kind: 'progress', record: { ...plan.record, summary: shown(plan.record.summary) } }
    case 'new-issue':
      return { kind: 'issue', record: { ...plan.record, summary: shown(plan.record.summary), recurs: plan.recurs?.number ?? null } }
    case 'follow-up':
      return { kind: 'follow-up', issueId: plan.issue.id, summary: shown(plan.record.summary), due: plan.due }
    case 'resolution':
      return { kind: 'resolution', record: { ...plan.record, summary: shown(plan.record.summary) }, closes: plan.target.kind === 'close' ? plan.target.issue.id : null }
  }
}

/** The confirmation's facts: what the message recorded, followed up, closed, or asks about. Pure. */
export function outcomeOf(
  intake: Extract<MessageIntake, { duplicate: false }>,
  decision: MessageDecision,
  msg: Pick<ChatMessage, 'talker' | 'sentAt'>,
  rules: Rules,
  /** Whether the sender is an admin (BOT_ADMINS, held by WeChat id: see AdminRoster). */
  reporterIsAdmin: boolean,
): MessageOutcome {
  const outcome: MessageOutcome = {
    progress: [],
    issues: [],
    followUps: [],
    closed: [],
    asks: [],
    reporter: { name: msg.talker.name, admin: reporterIsAdmin },
    today: dateInZone(msg.sentAt, rules.timeZone),
  }
  for (const { entry, result } of intake.written) {
    const plan = decision.planOf.get(entry)!
    if (result.kind === 'progress') outcome.progress.push(result.progress)
    else if (result.kind === 'issue') {
      const record = entry.kind === 'issue' ? entry.record : null
      outcome.issues.push({ issue: result.issue, recurs: record?.recurs ?? null, provisional: dueIsProvisional(rules.calendar, result.issue, record?.due ?? null) })
    }
    // A department's word on how an issue is handled is noted without a reply unless it moved the
    // deadline; a problem raised again is answered.
    else if (result.kind === 'follow-up' && plan.kind === 'follow-up') {
      const dueMoved = result.issue.dueOn !== plan.issue.dueOn
      if (plan.record.type === 'issue' || dueMoved) outcome.followUps.push({ issue: result.issue, dueMoved })
    } else if (result.kind === 'resolution' && result.closed) outcome.closed.push(result.closed)
  }
  for (const plan of decision.plans) if (plan.kind === 'resolution' && plan.target.kind === 'ask') outcome.asks.push(plan.target.candidates)
  return outcome
}

export type MessageTaken =
  | { duplicate: true }
  | { duplicate: false; messageId: number; sender: Person; plans: RecordPlan[]; outcome: MessageOutcome }

export interface MessageCoreDeps {
  rules: Rules
  /** The bot's own WeChat name, to know a quote of its own confirmation. */
  botName(): string
  remembered: Remembered
  /** Whether a sender is an admin; absent where there is no WeChat (the replay): BOT_ADMINS as written. */
  isAdmin?: ((person: ChatMessage['talker'], db: Db) => Promise<boolean>) | undefined
}

/**
 * Takes one message of a bound group into the ledger, inside the caller's transaction: its records
 * are read, placed against the project's issues (read only when there is a record to place), and
 * written with the message in one store call. A second delivery of the same message changes nothing.
 */
export async function takeMessage(
  db: Db,
  msg: ChatMessage & { room: NonNullable<ChatMessage['room']> },
  project: Project,
  receivedAt: Date,
  deps: MessageCoreDeps,
): Promise<MessageTaken> {
  const { rules, remembered } = deps
  const records = readRecords(msg, rules)
  const decision = decideMessage({
    records,
    topics: records.length > 0 ? await remembered.topics.of(db, project.id) : [],
    quoted: records.length > 0 && msg.quote ? { issues: (await findQuotedIssues(db, msg.room.id, msg.quote, deps.botName())) ?? [], text: msg.quote.text } : undefined,
    projectName: project.name,
    defaultDue: (openedOn) => issueDueDate(rules.calendar, openedOn, rules.slaWorkingDays),
    sentAt: msg.sentAt,
    body: msg.body,
  })
  const intake = await recordMessage(
    db,
    {
      wechatId: msg.id,
      projectId: project.id,
      roomId: msg.room.id,
      sender: { wechatId: msg.talker.id, name: msg.talker.name },
      text: msg.kind === 'text' || msg.text !== '' ? msg.text : '[非文字消息]',
      sentAt: msg.sentAt,
      receivedAt,
    },
    decision.entries,
    { timeZone: rules.timeZone, dueDate: slaDueDate(rules.calendar, rules.slaWorkingDays) },
    remembered.people,
  )
  if (intake.duplicate) return { duplicate: true }
  // Plain progress leaves the issues as they were; anything else may have changed them.
  if (decision.plans.some((p) => p.kind !== 'progress')) remembered.forgetIssuesOf(project.id)
  // A stage reported by a member waits for an admin's word; asked only when the message recorded something.
  const admin = intake.written.length === 0 ? false : deps.isAdmin ? await deps.isAdmin(msg.talker, db) : isAdmin(rules, msg.talker)
  return { duplicate: false, messageId: intake.messageId, sender: intake.sender, plans: decision.plans, outcome: outcomeOf(intake, decision, msg, rules, admin) }
}
