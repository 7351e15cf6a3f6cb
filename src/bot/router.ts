import { dateInZone } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import { chooseIssueToClose } from '../domain/resolution-target.ts'
import { isAdmin, type Rules } from '../domain/rules.ts'
import type { Project } from '../domain/types.ts'
import type { Logger } from '../log.ts'
import { enqueueFile, enqueueText } from '../outbox/enqueue.ts'
import { parseMessage } from '../parse/parse-message.ts'
import {
  findQuotedIssues,
  ingestMessage,
  listUnresolvedIssues,
  recallMessage,
  resolveIssue,
  underSavepoint,
  type Db,
  type IngestResult,
} from '../store/index.ts'
import { renderRecall } from '../text/recall.ts'
import { renderClosed, renderIssueLine, renderProgressLine, renderWhichIssue } from '../text/records.ts'
import type { ChatMessage } from './chat-message.ts'
import { commandCatalogue } from './command-catalogue.ts'
import type { CommandContext, CommandDefinition, Place } from './command.ts'
import { UsageError, UserFacingError } from './errors.ts'
import { ProjectCache, type RoomExists } from './project-binding.ts'

export interface RouterDeps {
  rules: Rules
  clock: Clock
  /** The commands the bot answers (main.ts lists them). */
  commands: readonly CommandDefinition[]
  /** The bot's own WeChat name, to know a quote of its own confirmation. */
  botName(): string
  /** Whether WeChat still knows a group id; absent where none can be asked. */
  roomExists?: RoomExists | undefined
  /** The data folder, for the commands that write files (see CommandContext.dataDir). */
  dataDir: string
  log: Logger
}

export interface Router {
  /** Handles one message inside the caller's transaction (`db`); never throws. */
  handle(msg: ChatMessage, db: Db): Promise<void>
  /** Forgets the cached group bindings: the batch they were read in did not commit. */
  forgetBindings(): void
}

type Reply = (text: string, issueId?: number) => Promise<void>

/** What an ingested message gave, for the command or the confirmations that follow. */
type Ingested = Extract<IngestResult, { duplicate: false }>

const PRIVATE_EXPLANATION = '您好，我是督办助手，只在项目群里记录进度和问题；私聊查询仅对管理员开放。'
const SORRY = '抱歉，这条消息没能处理，已记录错误，请稍后再试。'
const PLACE_NAMES: Record<Place, string> = { project: '项目群里', private: '私聊', unbound: '未绑定项目的群里' }

/** Replies go where the message came from: its group, or the sender's private chat. */
const replyTarget = (msg: ChatMessage) =>
  msg.room ? { kind: 'room' as const, id: msg.room.id } : { kind: 'contact' as const, id: msg.talker.id }

/**
 * The router: every message the bot receives passes through here, in this order —
 *   1. private chat: a command for an admin, a one-line explanation for anyone else;
 *   2. a group: its project, bound on first sight when the topic says so; unbound groups only
 *      get the commands that declare they run there;
 *   3. a recall takes back what the recalled message recorded;
 *   4. the message is stored with the records read from it (a second delivery stops here);
 *   5. a command runs, checked against where and by whom its definition says it may;
 *   6. otherwise the records are confirmed and a resolution closes the issue it clearly means.
 * All of it under one savepoint: a failure takes back everything the message did, then the user
 * error is replied as is, or the error is logged with the message id and answered with an apology.
 */
export function createRouter(deps: RouterDeps): Router {
  const { rules, clock, log } = deps
  const projects = new ProjectCache()
  const catalogue = commandCatalogue(deps.commands)

  async function handle(msg: ChatMessage, db: Db): Promise<void> {
    const reply: Reply = (text, issueId) =>
      enqueueText(db, { target: replyTarget(msg), text, issueId: issueId ?? null }, clock.now()).then(() => undefined)
    try {
      await underSavepoint(db, () => route(msg, db, reply))
    } catch (error) {
      projects.clear()
      await reply(failureText(error, msg)).catch((e: unknown) => log.error(`reply to ${msg.id} failed: ${String(e)}`))
    }
  }

  async function route(msg: ChatMessage, db: Db, reply: Reply): Promise<void> {
    if (!msg.room) {
      if (msg.kind === 'text') await runCommand(msg, db, reply, 'private')
      return
    }
    const project = await projects.find(db, msg.room, rules.projectRoomPattern, clock.now(), log, deps.roomExists)
    // A command may bind, release or quiet this group: read its project afresh next time.
    if (msg.command) projects.forget(msg.room.id)
    if (!project) {
      if (msg.command) await runCommand(msg, db, reply, 'unbound')
      return
    }
    if (msg.kind === 'recall') return recall(msg, db, reply)

    // Pictures, files and the like are kept in the ledger as a placeholder, never parsed.
    const records =
      msg.kind === 'text' && !msg.command
        ? parseMessage({ body: msg.body, quoted: msg.quote?.text, sentAt: msg.sentAt }, { calendar: rules.calendar, timeZone: rules.timeZone })
        : []
    const ingested = await ingestMessage(
      db,
      {
        wechatId: msg.id,
        projectId: project.id,
        roomId: msg.room.id,
        sender: { wechatId: msg.talker.id, name: msg.talker.name },
        text: msg.kind === 'text' || msg.text !== '' ? msg.text : '[非文字消息]',
        sentAt: msg.sentAt,
        receivedAt: clock.now(),
      },
      records,
      { calendar: rules.calendar, timeZone: rules.timeZone, slaWorkingDays: rules.slaWorkingDays },
    )
    // A second delivery of the same message (reconnects do that) changes nothing and says nothing.
    if (ingested.duplicate || msg.kind !== 'text') return
    if (msg.command) return runCommand(msg, db, reply, 'project', project, ingested)
    await confirmRecords(msg, db, reply, project, ingested)
  }

  /** Runs a command where its definition allows it, for whom it allows it; its reply goes back. */
  async function runCommand(msg: ChatMessage, db: Db, reply: Reply, place: Place, project?: Project, ingested?: Ingested): Promise<void> {
    const admin = isAdmin(rules, msg.talker)
    if (place === 'private' && !admin) return reply(PRIVATE_EXPLANATION)
    const line = msg.command
    if (!line) {
      if (place === 'private') await reply('请发送命令，例如 /status 或 /issues；发 /help 查看全部命令。')
      return
    }
    const command = catalogue.find(line.name)
    // Unbound groups are left alone: only the commands that run there answer.
    if (place === 'unbound' && !command?.where.includes('unbound')) return
    if (!command) {
      const near = catalogue.nearest(line.name)
      return reply(`没有 /${line.name} 这个命令。${near ? `您是不是要用 /${near.name}（${near.description}）？` : ''}发 /help 查看全部命令。`)
    }
    if (!command.where.includes(place)) return reply(`/${command.name} 请在${command.where.map((p) => PLACE_NAMES[p]).join('或')}使用。`)
    const owner = msg.room?.ownerId !== undefined && msg.room.ownerId === msg.talker.id
    if (command.who === 'admin' && !admin) return place === 'unbound' ? undefined : reply(`/${command.name} 仅限管理员使用。`)
    if (command.who === 'admin-or-owner' && !admin && !owner) {
      return place === 'unbound' ? undefined : reply(`/${command.name} 仅限管理员或群主使用。`)
    }

    const now = clock.now()
    const ctx: CommandContext = {
      args: line.args,
      message: msg,
      place,
      project: project ? { id: project.id, name: project.name, muted: project.muted } : undefined,
      isAdmin: admin,
      isGroupOwner: owner,
      sender: ingested?.sender,
      messageRowId: ingested?.messageId ?? null,
      now,
      today: dateInZone(now, rules.timeZone),
      db,
      clock,
      rules,
      dataDir: deps.dataDir,
      catalogue: deps.commands,
    }
    const result = await command.run(ctx)
    const out = typeof result === 'string' ? { text: result } : result
    if (out.text !== '') await reply(out.text, out.issueId)
    if (out.file) await enqueueFile(db, { target: replyTarget(msg), file: out.file }, clock.now())
  }

  /** Confirms what was recorded (unless the group is quiet) and closes what a resolution clearly closes. */
  async function confirmRecords(msg: ChatMessage, db: Db, reply: Reply, project: Project, ingested: Ingested): Promise<void> {
    const lines = [...ingested.progress.map(renderProgressLine), ...ingested.issues.map((i) => renderIssueLine(i, rules.teams))]
    // One reply per message; tied to its issue when there is exactly one, so quoting it finds the issue.
    if (!project.muted && lines.length > 0) await reply(lines.join('\n'), ingested.issues.length === 1 ? ingested.issues[0]!.id : undefined)
    for (const resolution of ingested.resolutions) {
      const target = chooseIssueToClose({
        quoted: msg.quote ? await findQuotedIssues(db, msg.room!.id, msg.quote, deps.botName()) : undefined,
        category: resolution.category,
        openIssues: await listUnresolvedIssues(db, project.id),
      })
      if (target.kind === 'ask') await reply(renderWhichIssue(target.candidates, rules.teams))
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
        rules.timeZone,
      )
      if (changed) await reply(renderClosed(issue, msg.talker.name, rules.teams), issue.id)
    }
  }

  async function recall(msg: ChatMessage, db: Db, reply: Reply): Promise<void> {
    const result = await recallMessage(db, msg.text, clock.now())
    if (!result || result.alreadyRecalled) return
    const text = renderRecall(result, msg.talker.name, rules.teams)
    if (text) await reply(text)
  }

  /** What the sender is told when their message failed; anything not meant for them is logged. */
  function failureText(error: unknown, msg: ChatMessage): string {
    if (error instanceof UsageError) {
      const usage = msg.command ? catalogue.find(msg.command.name)?.usage : undefined
      return [error.message, usage ? `用法：${usage}` : ''].filter((l) => l !== '').join('\n')
    }
    // A year missing from the holiday calendar is told as it is: an admin has to add it (README).
    if (error instanceof UserFacingError || error instanceof CalendarYearMissingError) return error.message
    log.error(`message ${msg.id}: ${(error as Error).stack ?? String(error)}`)
    return SORRY
  }

  return { handle, forgetBindings: () => projects.clear() }
}
