import type { LocalDate } from '../calendar/local-date.ts'
import type { Issue, Person, ProgressUpdate, RecordSource, Resolution, StageEvent } from '../domain/types.ts'
import type { IssueRecord, ProgressRecord, ResolutionRecord } from '../parse/types.ts'
import { inTransaction, type Db } from './database.ts'
import { openIssue, recordFollowUp, resolveIssue, type NewIssue } from './issues.repository.ts'
import { ingestMessage, type IncomingMessage } from './messages.repository.ts'
import type { IntakeMemo } from './people.repository.ts'
import { recordProgress } from './progress.repository.ts'
import { recordResolution } from './resolutions.repository.ts'
import type { IssueSettings } from './types.ts'

/**
 * One thing a message does to the ledger, as the message core decided it (core/message-core.ts);
 * the store only writes it.
 */
export type IntakeEntry =
  | { kind: 'progress'; record: ProgressRecord }
  /** A problem not yet in the ledger; `recurs` names the closed one it repeats. */
  | { kind: 'issue'; record: IssueRecord & NewIssue }
  /** News of an open issue in the message's own words; `due` moves its deadline. */
  | { kind: 'follow-up'; issueId: number; summary: string; due: LocalDate | null }
  /** A report that something was solved, and the issue it closes (null: none, or a question to the group). */
  | { kind: 'resolution'; record: ResolutionRecord; closes: number | null }

/** What writing an entry gave, beside the entry itself. */
export type IntakeWritten =
  | { kind: 'progress'; progress: ProgressUpdate; stage: StageEvent | null }
  | { kind: 'issue'; issue: Issue }
  | { kind: 'follow-up'; issue: Issue }
  /** `closed`: the issue the resolution closed, when it was open until now. */
  | { kind: 'resolution'; resolution: Resolution; closed: Issue | null }

export type MessageIntake =
  | { duplicate: true; messageId: number }
  | { duplicate: false; messageId: number; sender: Person; cut: boolean; written: { entry: IntakeEntry; result: IntakeWritten }[] }

/**
 * Stores one message of a bound group and everything it does to the ledger, in the order given and
 * in one transaction (or the caller's): its records, its follow-ups and its closes. A message id
 * seen before changes nothing and comes back as `{ duplicate: true }`.
 */
export async function recordMessage(
  db: Db,
  message: IncomingMessage,
  entries: readonly IntakeEntry[],
  settings: IssueSettings,
  memo?: IntakeMemo,
): Promise<MessageIntake> {
  return inTransaction(db, async (trx) => {
    const stored = await ingestMessage(trx, message, [], settings, memo)
    if (stored.duplicate) return stored
    const source: RecordSource = { projectId: message.projectId, messageId: stored.messageId, command: null, actorId: stored.sender.id, at: message.sentAt }
    const written: { entry: IntakeEntry; result: IntakeWritten }[] = []
    for (const entry of entries) written.push({ entry, result: await write(trx, source, entry, settings) })
    return { duplicate: false, messageId: stored.messageId, sender: stored.sender, cut: stored.cut, written }
  })
}

async function write(db: Db, source: RecordSource, entry: IntakeEntry, settings: IssueSettings): Promise<IntakeWritten> {
  switch (entry.kind) {
    case 'progress': {
      const stored = await recordProgress(db, source, entry.record, settings.timeZone)
      return { kind: 'progress', progress: stored.progress, stage: stored.stage ?? null }
    }
    case 'issue':
      return { kind: 'issue', issue: await openIssue(db, source, entry.record, settings) }
    case 'follow-up':
      return { kind: 'follow-up', issue: await recordFollowUp(db, { ...source, issueId: entry.issueId, summary: entry.summary, due: entry.due }) }
    case 'resolution': {
      const resolution = await recordResolution(db, source, entry.record)
      if (entry.closes === null) return { kind: 'resolution', resolution, closed: null }
      const closed = await resolveIssue(
        db,
        { ...source, issueId: entry.closes, text: entry.record.summary, command: null, resolutionId: resolution.id },
        settings.timeZone,
      )
      return { kind: 'resolution', resolution, closed: closed.changed ? closed.issue : null }
    }
  }
}
