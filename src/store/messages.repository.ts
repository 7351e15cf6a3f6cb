import { dateInZone } from '../calendar/local-date.ts'
import type { ParsedRecord } from '../parse/types.ts'
import { inTransaction, type Db } from './database.ts'
import { openIssue, type NewIssue } from './issues.repository.ts'
import { recordMembership, upsertPerson, type IntakeMemo, type SeenPerson } from './people.repository.ts'
import { recordProgress } from './progress.repository.ts'
import { recordResolution } from './resolutions.repository.ts'
import { toStoredMessage } from './mappers.ts'
import { prepare, slot } from './prepared.ts'
import type { Issue, Person, ProgressUpdate, RecordSource, Resolution, StageEvent, StoredMessage } from '../domain/types.ts'
import type { IssueSettings } from './types.ts'

/** Longer texts keep their first 20,000 characters and are marked cut; shorter ones are kept whole. */
export const MESSAGE_TEXT_LIMIT = 20_000

/** Cuts by characters (code points), never inside an emoji's surrogate pair. */
export function capText(text: string, limit = MESSAGE_TEXT_LIMIT): { text: string; cut: boolean } {
  if (text.length <= limit) return { text, cut: false }
  const chars = Array.from(text)
  return chars.length <= limit ? { text, cut: false } : { text: chars.slice(0, limit).join(''), cut: true }
}

const findMessageId = prepare<{ wechatId: string }, { id: number }>((qb) =>
  qb.selectFrom('messages').select('id').where('wechat_id', '=', slot('wechatId')),
)

const insertMessage = prepare<
  {
    wechatId: string
    projectId: number
    senderId: number
    roomId: string
    text: string
    cut: number
    sentAt: string
    sentOn: string
    receivedAt: string
  },
  { id: number }
>((qb) =>
  qb
    .insertInto('messages')
    .values({
      wechat_id: slot('wechatId'),
      project_id: slot('projectId'),
      sender_id: slot('senderId'),
      room_id: slot('roomId'),
      text: slot('text'),
      cut: slot('cut'),
      sent_at: slot('sentAt'),
      sent_on: slot('sentOn'),
      received_at: slot('receivedAt'),
      recalled_at: null,
    })
    .returning('id'),
)

/** A record as the router decided to keep it: an issue may name the closed one it repeats. */
export type RecordToStore = Exclude<ParsedRecord, { type: 'issue' }> | (Extract<ParsedRecord, { type: 'issue' }> & NewIssue)

export interface IncomingMessage {
  /** WeChat's message id: the key that makes a second delivery harmless. */
  wechatId: string
  projectId: number
  roomId: string
  sender: SeenPerson
  text: string
  sentAt: Date
  receivedAt: Date
}

export type IngestResult =
  | { duplicate: true; messageId: number }
  | {
      duplicate: false
      messageId: number
      sender: Person
      cut: boolean
      progress: ProgressUpdate[]
      stages: StageEvent[]
      issues: Issue[]
      resolutions: Resolution[]
    }

/**
 * Stores one message of a bound group and the records parsed from it, in one transaction (or in
 * the caller's). A message id seen before changes nothing and comes back as `{ duplicate: true }`.
 */
export async function ingestMessage(
  db: Db,
  message: IncomingMessage,
  records: readonly RecordToStore[],
  settings: IssueSettings,
  memo?: IntakeMemo,
): Promise<IngestResult> {
  return inTransaction(db, async (trx) => {
    const [existing] = await findMessageId(trx, { wechatId: message.wechatId })
    if (existing) return { duplicate: true, messageId: existing.id }

    const { text, cut } = capText(message.text)
    const sentAt = message.sentAt.toISOString()
    // Most messages come from someone seen before: read them once (a chat's sender and group repeat).
    const sender = memo?.person(message.sender) ?? (await upsertPerson(trx, message.sender, message.receivedAt))
    memo?.rememberPerson(sender)
    const [inserted] = await insertMessage(trx, {
      wechatId: message.wechatId,
      projectId: message.projectId,
      senderId: sender.id,
      roomId: message.roomId,
      text,
      cut: cut ? 1 : 0,
      sentAt,
      sentOn: dateInZone(message.sentAt, settings.timeZone),
      receivedAt: message.receivedAt.toISOString(),
    })
    if (!memo?.membershipNoted(message.projectId, sender.id, message.sentAt)) await recordMembership(trx, message.projectId, sender.id, message.sentAt)

    const messageId = inserted!.id
    const source: RecordSource = {
      projectId: message.projectId,
      messageId,
      command: null,
      actorId: sender.id,
      at: message.sentAt,
    }
    const result = { duplicate: false as const, messageId, sender, cut }
    const progress: ProgressUpdate[] = []
    const stages: StageEvent[] = []
    const issues: Issue[] = []
    const resolutions: Resolution[] = []
    for (const record of records) {
      switch (record.type) {
        case 'progress': {
          const stored = await recordProgress(trx, source, record, settings.timeZone)
          progress.push(stored.progress)
          if (stored.stage) stages.push(stored.stage)
          break
        }
        case 'issue':
          issues.push(await openIssue(trx, source, record, settings))
          break
        case 'resolution':
          resolutions.push(await recordResolution(trx, source, record))
          break
      }
    }
    return { ...result, progress, stages, issues, resolutions }
  })
}

export async function findMessageByWechatId(db: Db, wechatId: string): Promise<StoredMessage | null> {
  const row = await db.selectFrom('messages').selectAll().where('wechat_id', '=', wechatId).executeTakeFirst()
  return row ? toStoredMessage(row) : null
}
