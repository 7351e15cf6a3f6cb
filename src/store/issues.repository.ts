import { sql, type Selectable } from 'kysely'
import { dateInZone } from '../calendar/local-date.ts'
import { nextIssueStatus, OPEN_STATUSES } from '../domain/issue-status.ts'
import type { Category, IssueRecord } from '../parse/types.ts'
import { inTransaction, type Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { toIssue, toIssueEvent } from './mappers.ts'
import { prepare, slot } from './prepared.ts'
import type { IssuesTable } from './schema.ts'
import { recordResolution } from './resolutions.repository.ts'
import type { IssueTopic } from '../domain/issue-matching.ts'
import type { Issue, IssueEvent, IssueEventKind, IssueStatus, RecordSource } from '../domain/types.ts'
import type { IssueSettings } from './types.ts'


export type NewIssue = Pick<IssueRecord, 'category' | 'due' | 'summary'> & {
  /** The number of a closed issue this one is the same problem as, come back. */
  recurs?: number | null
}

/** Opens an issue under the project's next number (#N), due when the settings' rule says (the SLA, or the date stated). */
export async function openIssue(db: Db, source: RecordSource, record: NewIssue, settings: IssueSettings): Promise<Issue> {
  return inTransaction(db, async (trx) => {
    const [taken] = await takeIssueNumber(trx, { projectId: source.projectId })
    if (!taken) throw new Error(`project ${source.projectId} does not exist`)
    const openedOn = dateInZone(source.at, settings.timeZone)
    const [row] = await insertIssue(trx, {
      projectId: source.projectId,
      number: taken.number,
      messageId: source.messageId,
      command: source.command,
      category: record.category,
      summary: record.summary,
      reporterId: source.actorId,
      at: source.at.toISOString(),
      on: openedOn,
      due: settings.dueDate(openedOn, record.due),
    })
    await addIssueEvent(trx, row!.id, 'opened', 'open', source, { recurs: record.recurs ?? null })
    return toIssue(row!)
  })
}

interface EventSource {
  actorId: number | null
  messageId: number | null
  at: Date
}

export async function addIssueEvent(
  db: Db,
  issueId: number,
  kind: IssueEventKind,
  status: IssueStatus,
  source: EventSource,
  extra: { note?: string | null; assigneeId?: number | null; dueOn?: string | null; recurs?: number | null } = {},
): Promise<void> {
  await insertIssueEvent(db, {
    issueId,
    kind,
    status,
    actorId: source.actorId,
    assigneeId: extra.assigneeId ?? null,
    messageId: source.messageId,
    note: extra.note ?? null,
    dueOn: extra.dueOn ?? null,
    recurs: extra.recurs ?? null,
    at: source.at.toISOString(),
  })
}

/** Bumps the project's counter and hands out the number it held: unique per project, in the same transaction. */
const takeIssueNumber = prepare<{ projectId: number }, { number: number }>((qb) =>
  qb
    .updateTable('projects')
    .set({ next_issue_number: sql`next_issue_number + 1` })
    .where('id', '=', slot('projectId'))
    .returning(sql<number>`next_issue_number - 1`.as('number')),
)

const insertIssue = prepare<Record<string, unknown>, Selectable<IssuesTable>>((qb) =>
  qb
    .insertInto('issues')
    .values({
      project_id: slot('projectId'),
      number: slot('number'),
      message_id: slot('messageId'),
      source_command: slot('command'),
      category: slot('category'),
      summary: slot('summary'),
      status: 'open',
      reporter_id: slot('reporterId'),
      assignee_id: null,
      opened_at: slot('at'),
      opened_on: slot('on'),
      due_on: slot('due'),
      resolved_at: null,
      resolved_on: null,
      resolution_text: null,
      resolved_by_id: null,
      resolution_id: null,
      retracted_at: null,
    })
    .returningAll(),
)

const insertIssueEvent = prepare<Record<string, unknown>, unknown>((qb) =>
  qb
    .insertInto('issue_events')
    .values({
      issue_id: slot('issueId'),
      kind: slot('kind'),
      status: slot('status'),
      actor_id: slot('actorId'),
      assignee_id: slot('assigneeId'),
      message_id: slot('messageId'),
      note: slot('note'),
      due_on: slot('dueOn'),
      recurs: slot('recurs'),
      at: slot<string>('at'),
    }),
)

export async function findIssueById(db: Db, id: number): Promise<Issue | null> {
  const row = await db.selectFrom('issues').selectAll().where('id', '=', id).where('retracted_at', 'is', null).executeTakeFirst()
  return row ? toIssue(row) : null
}

/** Issue #N of a project; null when there is none or it was taken back. */
export async function findIssueByNumber(db: Db, projectId: number, number: number): Promise<Issue | null> {
  const row = await db
    .selectFrom('issues')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('number', '=', number)
    .where('retracted_at', 'is', null)
    .executeTakeFirst()
  return row ? toIssue(row) : null
}

/**
 * The issues a quoted message points at: the issues read from that message or that it followed
 * up, or the issue the bot's own confirmation (an outbox item sent as that WeChat message) was about.
 */
export async function findIssuesByQuotedMessage(db: Db, wechatMessageId: string): Promise<Issue[]> {
  const fromMessage = await db
    .selectFrom('issues')
    .innerJoin('messages', 'messages.id', 'issues.message_id')
    .selectAll('issues')
    .where('messages.wechat_id', '=', wechatMessageId)
    .where('issues.retracted_at', 'is', null)
    .orderBy('issues.number')
    .execute()
  if (fromMessage.length > 0) return fromMessage.map(toIssue)
  const followedUp = await db
    .selectFrom('issues')
    .innerJoin('issue_events', 'issue_events.issue_id', 'issues.id')
    .innerJoin('messages', 'messages.id', 'issue_events.message_id')
    .selectAll('issues')
    .where('messages.wechat_id', '=', wechatMessageId)
    .where('issue_events.kind', '=', 'followed-up')
    .where('issues.retracted_at', 'is', null)
    .execute()
  if (followedUp.length > 0) return followedUp.map(toIssue)
  const fromConfirmation = await db
    .selectFrom('issues')
    .innerJoin('outbox', 'outbox.issue_id', 'issues.id')
    .selectAll('issues')
    .where('outbox.sent_message_id', '=', wechatMessageId)
    .where('issues.retracted_at', 'is', null)
    .execute()
  return fromConfirmation.map(toIssue)
}

export interface IssueChange {
  /** False when the issue was already in a state the action does not apply to. */
  changed: boolean
  issue: Issue
}

export interface ResolveInput extends EventSource {
  issueId: number
  text: string | null
  /** The command that resolved it ('resolve'), null when a parsed resolution did. */
  command: string | null
  /** The parsed resolution record that closes it; without one, a record is made from the command. */
  resolutionId?: number
}

/** Closes an issue: status, who, when, how; the resolution record is linked so a recall can undo it. */
export async function resolveIssue(db: Db, input: ResolveInput, timeZone: string): Promise<IssueChange> {
  return inTransaction(db, async (trx) => {
    const issue = await requireIssue(trx, input.issueId)
    const status = nextIssueStatus(issue.status, 'resolve')
    if (!status) return { changed: false, issue }
    const resolutionId =
      input.resolutionId ??
      (
        await recordResolution(
          trx,
          { projectId: issue.projectId, messageId: input.messageId, command: input.command, actorId: input.actorId, at: input.at },
          { category: issue.category, summary: input.text ?? '' },
        )
      ).id
    const row = await trx
      .updateTable('issues')
      .set({
        status,
        resolved_at: input.at.toISOString(),
        resolved_on: dateInZone(input.at, timeZone),
        resolution_text: input.text,
        resolved_by_id: input.actorId,
        resolution_id: resolutionId,
      })
      .where('id', '=', issue.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await addIssueEvent(trx, issue.id, 'resolved', status, input, { note: input.text })
    return { changed: true, issue: toIssue(row) }
  })
}

export interface ReopenInput extends EventSource {
  issueId: number
  reason: string | null
}

/** Reopens a resolved issue; its earlier resolution stays in the events. */
export async function reopenIssue(db: Db, input: ReopenInput): Promise<IssueChange> {
  return inTransaction(db, async (trx) => {
    const issue = await requireIssue(trx, input.issueId)
    const status = nextIssueStatus(issue.status, 'reopen')
    if (!status) return { changed: false, issue }
    const row = await clearResolution(trx, issue.id, status)
    await addIssueEvent(trx, issue.id, 'reopened', status, input, { note: input.reason })
    return { changed: true, issue: toIssue(row) }
  })
}

export async function clearResolution(db: Db, issueId: number, status: IssueStatus) {
  return db
    .updateTable('issues')
    .set({ status, resolved_at: null, resolved_on: null, resolution_text: null, resolved_by_id: null, resolution_id: null })
    .where('id', '=', issueId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface AssignInput extends EventSource {
  issueId: number
  assigneeId: number
}

export async function assignIssue(db: Db, input: AssignInput): Promise<Issue> {
  return inTransaction(db, async (trx) => {
    const issue = await requireIssue(trx, input.issueId)
    const row = await trx
      .updateTable('issues')
      .set({ assignee_id: input.assigneeId })
      .where('id', '=', issue.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await addIssueEvent(trx, issue.id, 'assigned', issue.status, input, { assigneeId: input.assigneeId })
    return toIssue(row)
  })
}

/** Every event of an issue, oldest first: its full history. */
export async function listIssueEvents(db: Db, issueId: number): Promise<IssueEvent[]> {
  const rows = await db.selectFrom('issue_events').selectAll().where('issue_id', '=', issueId).orderBy('id').execute()
  return rows.map(toIssueEvent)
}

async function requireIssue(db: Db, id: number): Promise<Issue> {
  const issue = await findIssueById(db, id)
  if (!issue) throw new Error(`issue ${id} does not exist or was retracted`)
  return issue
}

/** Resolved issues kept in view for a problem that comes back: the latest this many. */
const RECENTLY_RESOLVED = 50

/**
 * A project's open issues and its latest resolved ones, each with its own summary and the words of
 * every message that followed it up: what a new message is compared with (domain/issue-matching.ts).
 */
export async function listIssueTopics(db: Db, projectId: number): Promise<IssueTopic[]> {
  const rows = await selectTopics(db, { projectId })
  return rows.map((r) => ({
    issue: {
      id: r.id,
      number: r.number,
      category: r.category as Category,
      status: r.status as IssueStatus,
      summary: r.summary,
      openedOn: r.opened_on,
      dueOn: r.due_on,
      lastSaidAt: new Date(r.last_said_at ?? r.opened_at),
    },
    text: r.notes === null ? r.summary : `${r.summary}\n${r.notes}`,
  }))
}

type TopicRow = Pick<Selectable<IssuesTable>, 'id' | 'number' | 'category' | 'status' | 'summary' | 'opened_at' | 'opened_on' | 'due_on'> & {
  notes: string | null
  last_said_at: string | null
}

/**
 * The notes of an issue's follow-ups whose message still stands, oldest first, one per line. Read
 * with the issue, and only what matching uses: this runs for every message with a record, and a
 * project's closed issues and their follow-ups pile up for years.
 */
const followUpNotes = sql<string | null>`(
  select string_agg(coalesce(e.note, ''), ${sql.lit('\n')} order by e.id)
  from issue_events e join messages m on m.id = e.message_id
  where e.issue_id = issues.id and e.kind = 'followed-up' and m.recalled_at is null
)`.as('notes')
/** When a message of the group last spoke of the issue: its report, or its latest follow-up still standing. */
const lastSaid = sql<string | null>`(
  select max(e.at) from issue_events e join messages m on m.id = e.message_id
  where e.issue_id = issues.id and e.kind = 'followed-up' and m.recalled_at is null
)`.as('last_said_at')
const TOPIC_COLUMNS = ['id', 'number', 'category', 'status', 'summary', 'opened_at', 'opened_on', 'due_on'] as const

/** Open issues, then the latest resolved ones: one statement, compiled once, at load. */
const selectTopics = prepare<{ projectId: number }, TopicRow>((qb) =>
  qb
    .selectFrom('issues')
    .select([...TOPIC_COLUMNS, followUpNotes, lastSaid])
    .where('project_id', '=', slot('projectId'))
    .where('status', 'in', OPEN_STATUSES)
    .where('retracted_at', 'is', null)
    .unionAll(
      // SQLite orders and limits a compound's part only inside a subquery of its own.
      qb
        .selectFrom(
          qb
            .selectFrom('issues')
            .select([...TOPIC_COLUMNS, followUpNotes, lastSaid])
            .where('project_id', '=', slot('projectId'))
            .where('status', '=', 'resolved')
            .where('retracted_at', 'is', null)
            .orderBy('resolved_at', 'desc')
            .limit(literalLimit(RECENTLY_RESOLVED))
            .as('resolved'),
        )
        .selectAll(),
    ),
)

export interface FollowUpInput extends EventSource {
  issueId: number
  /** The follow-up's own words about the issue (not the rest of its message: a weekly report's other items). */
  summary: string
  /** A deadline the follow-up sets ("4月15号前要全部签完协议"); null when it sets none. */
  due: string | null
}

/** Notes a message as news of an open issue; a deadline it states becomes the issue's due date. */
export async function recordFollowUp(db: Db, input: FollowUpInput): Promise<Issue> {
  return inTransaction(db, async (trx) => {
    const issue = await requireIssue(trx, input.issueId)
    const moved = input.due !== null && input.due !== issue.dueOn
    const row = moved
      ? await trx.updateTable('issues').set({ due_on: input.due }).where('id', '=', issue.id).returningAll().executeTakeFirstOrThrow()
      : null
    await addIssueEvent(trx, issue.id, 'followed-up', issue.status, input, { note: input.summary, dueOn: moved ? input.due : null })
    return row ? toIssue(row) : issue
  })
}
