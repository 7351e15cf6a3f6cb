import { CompiledQuery } from 'kysely'
import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import { chooseIssueToClose } from '../domain/resolution-target.ts'
import type { ParsedRecord } from '../parse/types.ts'
import { ingestMessage, recallMessage, resolveIssue, type Db, type IngestResult, type Project } from '../store/index.ts'
import { listUnresolvedIssues } from '../store/issue-lists.query.ts'
import { findQuotedIssues } from '../store/quoted-message.repository.ts'
import type { ChatMessage } from './chat-message.ts'
import { readCommandLine } from './command-line.ts'
import { UserFacingError } from './errors.ts'
import type { Logger } from './logger.ts'
import type { Outgoing } from './outbox-queue.ts'
import { ProjectCache } from './project-binding.ts'
import type { TeamNames } from './render-labels.ts'
import type { DigestCommandSettings } from '../../commands/define-command.ts'
import { renderRecall } from './render-recall.ts'
import { renderClosed, renderIssueLine, renderProgressLine, renderWhichIssue } from './render-records.ts'
import { runCommand, type CommandRuntime } from './run-command.ts'

export interface BotSettings {
  admins: readonly string[]
  projectRoomPattern: RegExp
  slaWorkingDays: number
  timezone: string
  teamNames: TeamNames
  /** Slow-project rules and DIGEST_RECIPIENTS for /digest; absent where no digest is configured. */
  digest?: DigestCommandSettings | undefined
}

export interface HandlerDeps {
  clock: Clock
  calendar: WorkingCalendar
  parse(text: string, sentAt: Date): ParsedRecord[]
  settings: BotSettings
  /** The bot's own WeChat name, for quotes of its confirmations. */
  botName(): string
  /** Puts a reply in the outbox, in the same transaction as the message it answers. */
  send(db: Db, out: Outgoing): Promise<void>
  /** Whether WeChat still knows a group id; absent where none can be asked (tests of the router). */
  roomExists?: ((roomId: string) => Promise<boolean>) | undefined
  log: Logger
}

const SAVEPOINT = CompiledQuery.raw('savepoint message')
const RELEASE = CompiledQuery.raw('release message')
const ROLLBACK_TO = CompiledQuery.raw('rollback to message')

/** Handles one message inside the caller's transaction (`trx`); never throws. */
export type MessageHandler = (msg: ChatMessage, trx: Db) => Promise<void>

/**
 * The router and the error boundary: every incoming message goes through here. A command gets its
 * reply, a record its confirmation, chatter nothing. Each message runs under its own savepoint: a
 * failure takes back everything the message did, then a user-facing error is replied as is and
 * anything else is logged with the message id and answered with a short apology.
 */
export function createMessageHandler(deps: HandlerDeps): MessageHandler & { forgetProjects(): void } {
  const projects = new ProjectCache()
  const handle = async (msg: ChatMessage, trx: Db) => {
    const reply: Reply = (text, issueId) =>
      deps.send(
        trx,
        msg.room
          ? { targetKind: 'room', targetId: msg.room.id, text, issueId }
          : { targetKind: 'contact', targetId: msg.talker.id, text, issueId },
      )
    await trx.executeQuery(SAVEPOINT)
    try {
      await route(deps, projects, msg, trx, reply)
      await trx.executeQuery(RELEASE)
    } catch (error) {
      await trx.executeQuery(ROLLBACK_TO)
      await trx.executeQuery(RELEASE)
      projects.clear()
      // A year missing from the holiday calendar is told as it is: an admin has to add it (README).
      const told = error instanceof UserFacingError || error instanceof CalendarYearMissingError
      const text = told ? (error as Error).message : '抱歉，这条消息没能处理，已记录错误，请稍后再试。'
      if (!told) deps.log.error(`message ${msg.id}: ${(error as Error).stack ?? String(error)}`)
      await reply(text).catch((e: unknown) => deps.log.error(`reply to ${msg.id} failed: ${String(e)}`))
    }
  }
  return Object.assign(handle, { forgetProjects: () => projects.clear() })
}

async function route(deps: HandlerDeps, projects: ProjectCache, msg: ChatMessage, db: Db, reply: Reply): Promise<void> {
  const runtime: CommandRuntime = { ...deps, db }
  if (!msg.room) {
    if (msg.kind === 'text') await runCommand(runtime, msg, undefined, undefined, reply)
    return
  }
  const now = deps.clock.now()
  const project = await projects.find(db, msg.room, deps.settings.projectRoomPattern, now, deps.log, deps.roomExists)
  if (msg.kind === 'recall') {
    if (project) await handleRecall(db, deps, msg, reply)
    return
  }
  const command = msg.kind === 'text' ? readCommandLine(msg.body) : undefined
  // A command may bind, release or quiet this group: read its project afresh next time.
  if (command) projects.forget(msg.room.id)
  if (!project) {
    // Unbound groups are left alone, except for /bind (checked inside) and a /help hint.
    if (command) await runCommand(runtime, msg, undefined, undefined, reply)
    return
  }
  // Pictures, files and the like are kept in the ledger as a placeholder, never parsed.
  const records = command || msg.kind !== 'text' ? [] : deps.parse(msg.body, msg.sentAt)
  const ingested = await ingestMessage(
    db,
    {
      wechatId: msg.id,
      projectId: project.id,
      roomId: msg.room.id,
      sender: { wechatId: msg.talker.id, name: msg.talker.name },
      text: msg.kind === 'text' || msg.text !== '' ? msg.text : '[非文字消息]',
      sentAt: msg.sentAt,
      receivedAt: now,
    },
    records,
    { calendar: deps.calendar, timeZone: deps.settings.timezone, slaWorkingDays: deps.settings.slaWorkingDays },
  )
  // A second delivery of the same message (reconnects do that) changes nothing and says nothing.
  if (ingested.duplicate || msg.kind !== 'text') return
  if (command) {
    await runCommand(runtime, msg, project, ingested, reply)
    return
  }
  await confirmRecords(db, deps, msg, project, ingested, reply)
}

type Reply = (text: string, issueId?: number) => Promise<void>

/** Confirms what was recorded (unless the group is quiet) and closes what a resolution clearly closes. */
async function confirmRecords(
  db: Db,
  deps: HandlerDeps,
  msg: ChatMessage,
  project: Project,
  ingested: Extract<IngestResult, { duplicate: false }>,
  reply: Reply,
): Promise<void> {
  const lines = [...ingested.progress.map(renderProgressLine), ...ingested.issues.map((i) => renderIssueLine(i, deps.settings.teamNames))]
  // One reply per message; tied to its issue when there is exactly one, so quoting it finds the issue.
  if (!project.muted && lines.length > 0) await reply(lines.join('\n'), ingested.issues.length === 1 ? ingested.issues[0]!.id : undefined)
  for (const resolution of ingested.resolutions) {
    const target = chooseIssueToClose({
      quoted: msg.quote ? await findQuotedIssues(db, msg.room!.id, msg.quote, deps.botName()) : undefined,
      category: resolution.category,
      openIssues: await listUnresolvedIssues(db, project.id),
    })
    if (target.kind === 'ask') await reply(renderWhichIssue(target.candidates, deps.settings.teamNames))
    if (target.kind !== 'close') continue
    const { changed, issue } = await resolveIssue(
      db,
      {
        issueId: target.issue.id,
        text: resolution.summary,
        command: null,
        resolutionId: resolution.id,
        actorId: ingested.sender.id,
        messageId: ingested.messageId,
        at: msg.sentAt,
      },
      deps.settings.timezone,
    )
    if (changed) await reply(renderClosed(issue, msg.talker.name, deps.settings.teamNames), issue.id)
  }
}

async function handleRecall(db: Db, deps: HandlerDeps, msg: ChatMessage, reply: Reply): Promise<void> {
  const result = await recallMessage(db, msg.text, deps.clock.now())
  if (!result || result.alreadyRecalled) return
  const text = renderRecall(result, msg.talker.name, deps.settings.teamNames)
  if (text) await reply(text)
}
