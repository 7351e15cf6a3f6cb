import { dateInZone } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import { planRecords, type QuotedIssues, type RecordPlan } from '../domain/issue-matching.ts'
import { isAdmin, type Rules } from '../domain/rules.ts'
import type { Project } from '../domain/types.ts'
import type { Logger } from '../log.ts'
import { enqueueFile, enqueueText } from '../outbox/enqueue.ts'
import { parseMessage } from '../parse/parse-message.ts'
import type { Quote } from '../parse/chat-text.ts'
import {
  answeredBefore,
  findQuotedIssues,
  firstAnswer,
  ingestMessage,
  IntakeMemo,
  isStorageFault,
  recallMessage,
  recordFollowUp,
  resolveIssue,
  underSavepoint,
  type Db,
  type IngestResult,
  type RecordToStore,
} from '../store/index.ts'
import { clip } from '../text/labels.ts'
import { renderRecall } from '../text/recall.ts'
import { issueOfOutcome, renderConfirmation, type MessageOutcome } from '../text/confirmation.ts'
import { QUESTION_POINTER, UNBOUND_HINT } from '../text/pointers.ts'
import type { ChatMessage } from './chat-message.ts'
import type { AdminRoster } from './admin-roster.ts'
import { commandCatalogue } from './command-catalogue.ts'
import type { BoardLinks, CommandContext, CommandDefinition, Place } from './command.ts'
import { UsageError, UserFacingError } from './errors.ts'
import { ProjectCache, type RoomExists } from './project-binding.ts'
import { TopicCache } from './topic-cache.ts'

export interface RouterDeps {
  rules: Rules
  clock: Clock
  /** The commands the bot answers (main.ts lists them). */
  commands: readonly CommandDefinition[]
  /** The bot's own WeChat name, to know a quote of its own confirmation. */
  botName(): string
  /** Whether WeChat still knows a group id; absent where none can be asked. */
  roomExists?: RoomExists | undefined
  /** The whiteboard's links for /board; absent when the board is off. */
  board?: BoardLinks | undefined
  /** The data folder, for the commands that write files (see CommandContext.dataDir). */
  dataDir: string
  /** Who the admins are, by WeChat id (admin-roster.ts); absent where there is no WeChat (the replay): BOT_ADMINS as written. */
  admins?: AdminRoster | undefined
  /** A contact's name as WeChat has it (CommandContext.contactName); absent where there is no WeChat. */
  contactName?: ((contactId: string) => Promise<string | undefined>) | undefined
  log: Logger
}

export interface Router {
  /**
   * Handles one message inside the caller's transaction (`db`). Throws only when the database
   * itself fails (locked, full): then the whole transaction is to be tried again later.
   */
  handle(msg: ChatMessage, db: Db): Promise<void>
  /** Forgets the group bindings, senders and issue topics it remembered: the batch they were read in did not commit. */
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
 *      get the commands that declare they run there, and one line for the bot's other commands;
 *   3. a recall takes back what the recalled message recorded;
 *   4. the message is stored with the records read from it (a second delivery stops here);
 *   5. a command runs, checked against where and by whom its definition says it may;
 *   6. otherwise a resolution closes the issue it clearly means, and one reply confirms what
 *      CONFIRM lets through (a question to the bot that recorded nothing gets a pointer).
 * All of it under one savepoint: a failure takes back everything the message did, then the user
 * error is replied as is, or the error is logged with the message id and answered with an apology.
 */
export function createRouter(deps: RouterDeps): Router {
  const { rules, clock, log } = deps
  const projects = new ProjectCache()
  const memo = new IntakeMemo()
  const topics = new TopicCache()
  const catalogue = commandCatalogue(deps.commands)
  const isAdminNow = (person: ChatMessage['talker'], db: Db): Promise<boolean> =>
    deps.admins ? deps.admins.isAdmin(person, db) : Promise.resolve(isAdmin(rules, person))

  async function handle(msg: ChatMessage, db: Db): Promise<void> {
    const reply: Reply = (text, issueId) =>
      enqueueText(db, { target: replyTarget(msg), text, issueId: issueId ?? null }, clock.now()).then(() => undefined)
    try {
      await underSavepoint(db, () => route(msg, db, reply))
    } catch (error) {
      // The savepoint took back what this message did, a binding of its group or a new sender included.
      if (msg.room) projects.forget(msg.room.id)
      memo.clear()
      topics.clear()
      // Not the message's fault, and nothing it could be told would be stored either.
      if (isStorageFault(error)) throw error
      await reply(failureText(error, msg)).catch((e: unknown) => {
        if (isStorageFault(e)) throw e
        log.error(`消息 ${msg.id} 的回复未能放入发件队列：${String(e)}`)
      })
    }
  }

  async function route(msg: ChatMessage, db: Db, reply: Reply): Promise<void> {
    if (!msg.room) {
      // Not kept in the ledger, so not idempotent by it: a second delivery is known by its id here.
      if (msg.kind === 'text' && (await firstAnswer(db, msg.id, clock.now()))) await runCommand(msg, db, reply, 'private')
      return
    }
    const project = await projects.find(db, msg.room, rules.projectRoomPattern, clock.now(), log, deps.roomExists)
    // A command may bind, release or quiet this group, and raise, close, reopen or take back issues
    // of this project or another: read them afresh next time.
    if (msg.command) {
      projects.forget(msg.room.id)
      topics.clear()
    }
    if (!project) {
      if (msg.command && (await firstAnswer(db, msg.id, clock.now()))) await runCommand(msg, db, reply, 'unbound')
      return
    }
    // "/bind 某项目" answered while the group was unbound, delivered again now that it is bound.
    if (msg.command && (await answeredBefore(db, msg.id))) return
    if (msg.kind === 'recall') {
      topics.forget(project.id)
      return recall(msg, msg.room.id, db, reply)
    }

    // Pictures, files and the like are kept in the ledger as a placeholder, never parsed.
    const records =
      msg.kind === 'text' && !msg.command
        ? parseMessage({ body: msg.body, quoted: msg.quote?.text, sentAt: msg.sentAt }, { calendar: rules.calendar, timeZone: rules.timeZone })
        : []
    // What each record becomes against the issues already in the ledger: new, a follow-up, a close.
    const plans =
      records.length > 0
        ? planRecords({
            records,
            topics: await topics.of(db, project.id),
            quoted: msg.quote ? await quotedIssues(db, msg.room.id, msg.quote) : undefined,
            projectName: project.name,
          })
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
      plans.flatMap(recordToStore),
      { calendar: rules.calendar, timeZone: rules.timeZone, slaWorkingDays: rules.slaWorkingDays },
      memo,
    )
    // A second delivery of the same message (reconnects do that) changes nothing and says nothing.
    if (ingested.duplicate || msg.kind !== 'text') return
    // Plain progress leaves the issues as they were; anything else may have changed them.
    if (plans.some((p) => p.kind !== 'progress')) topics.forget(project.id)
    if (msg.command) return runCommand(msg, db, reply, 'project', project, ingested)
    await applyPlans(msg, db, reply, project, ingested, plans)
  }

  async function quotedIssues(db: Db, roomId: string, quote: Quote): Promise<QuotedIssues> {
    return { issues: (await findQuotedIssues(db, roomId, quote, deps.botName())) ?? [], text: quote.text }
  }

  /** Runs a command where its definition allows it, for whom it allows it; its reply goes back. */
  async function runCommand(msg: ChatMessage, db: Db, reply: Reply, place: Place, project?: Project, ingested?: Ingested): Promise<void> {
    const admin = await isAdminNow(msg.talker, db)
    if (place === 'private' && !admin) return reply(PRIVATE_EXPLANATION)
    const line = msg.command
    if (!line) {
      if (place === 'private') await reply('请发送命令，例如 /status 或 /issues；发 /help 查看全部命令。')
      return
    }
    const command = catalogue.find(line.name)
    if (!command) {
      // Unbound groups are left alone: a slash there may be anyone's, not meant for the bot.
      if (place === 'unbound') return
      const near = catalogue.nearest(line.name)
      return reply(`没有 /${clip(line.name, 20)} 这个命令。${near ? `您是不是要用 /${near.name}（${near.description}）？` : ''}发 /help 查看全部命令。`)
    }
    // One of its commands in an unbound group gets one line: "/status" who may bind the group,
    // "/bind" from a member (below) who may run it.
    if (place === 'unbound' && !command.where.includes('unbound')) return reply(UNBOUND_HINT)
    if (!command.where.includes(place)) return reply(`/${command.name} 请在${command.where.map((p) => PLACE_NAMES[p]).join('或')}使用。`)
    const owner = msg.room?.ownerId !== undefined && msg.room.ownerId === msg.talker.id
    // A member's /简报 in the leaders' group (unbound) is not answered: that group is not for chat.
    if (command.who === 'admin' && !admin) return place === 'unbound' ? undefined : reply(`/${command.name} 仅限管理员使用。`)
    if (command.who === 'admin-or-owner' && !admin && !owner) return reply(`/${command.name} 仅限管理员或群主使用。`)

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
      board: deps.board,
      contactName: async (id) => deps.contactName?.(id),
    }
    const result = await command.run(ctx)
    const out = typeof result === 'string' ? { text: result } : result
    if (out.text !== '') await reply(out.text, out.issueId)
    if (out.file) await enqueueFile(db, { target: replyTarget(msg), file: out.file }, clock.now())
  }

  /**
   * Follows up and closes what the plans say, and answers in one reply what CONFIRM (and the
   * group's /quiet) lets through: what was recorded, which issue a message joined, what was closed
   * or which to close. A question put to the bot that recorded nothing gets a pointer instead.
   */
  async function applyPlans(msg: ChatMessage, db: Db, reply: Reply, project: Project, ingested: Ingested, plans: RecordPlan[]): Promise<void> {
    const source = { actorId: ingested.sender.id, messageId: ingested.messageId, at: msg.sentAt }
    const newIssues = plans.filter((p) => p.kind === 'new-issue')
    const outcome: MessageOutcome = {
      progress: ingested.progress,
      issues: ingested.issues.map((issue, k) => ({ issue, recurs: newIssues[k]?.recurs?.number ?? null })),
      followUps: [],
      closed: [],
      asks: [],
      reporter: { name: msg.talker.name, admin: await isAdminNow(msg.talker, db) },
      today: dateInZone(msg.sentAt, rules.timeZone),
    }
    for (const plan of plans) {
      if (plan.kind !== 'follow-up') continue
      const issue = await recordFollowUp(db, { ...source, issueId: plan.issue.id, summary: plan.record.summary, due: plan.due })
      // A department's word on how an issue is handled is noted without a reply; a problem raised again is answered.
      if (plan.record.type === 'issue') outcome.followUps.push({ issue, dueMoved: issue.dueOn !== plan.issue.dueOn })
    }
    for (const [k, plan] of plans.filter((p) => p.kind === 'resolution').entries()) {
      const { target } = plan
      if (target.kind === 'ask') outcome.asks.push(target.candidates)
      if (target.kind !== 'close') continue
      const { changed, issue } = await resolveIssue(
        db,
        { ...source, issueId: target.issue.id, text: plan.record.summary, command: null, resolutionId: ingested.resolutions[k]!.id },
        rules.timeZone,
      )
      if (changed) outcome.closed.push(issue)
    }
    const text = renderConfirmation(outcome, project.muted ? 'none' : rules.confirm, rules.teams)
    if (text !== '') return reply(text, issueOfOutcome(outcome))
    if (plans.length === 0 && msg.mentionsBot) await reply(QUESTION_POINTER)
  }

  async function recall(msg: ChatMessage, roomId: string, db: Db, reply: Reply): Promise<void> {
    // The recall's text is the recalled message's id; only that group's message, by the same sender, is taken back.
    const result = await recallMessage(db, { wechatId: msg.text, roomId, senderWechatId: msg.talker.id }, clock.now())
    if (!result || result.alreadyRecalled) return
    const text = renderRecall(result, msg.talker.name, rules.teams, dateInZone(clock.now(), rules.timeZone))
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
    log.error(`处理消息 ${msg.id} 时出错：${(error as Error).stack ?? String(error)}`)
    return SORRY
  }

  return {
    handle,
    forgetBindings: () => {
      projects.clear()
      memo.clear()
      topics.clear()
    },
  }
}

/** The records to store: progress and resolutions as they are, issues only when new (with the one they repeat). */
function recordToStore(plan: RecordPlan): RecordToStore[] {
  if (plan.kind === 'progress' || plan.kind === 'resolution') return [plan.record]
  if (plan.kind === 'new-issue') return [{ ...plan.record, recurs: plan.recurs?.number ?? null }]
  return []
}
