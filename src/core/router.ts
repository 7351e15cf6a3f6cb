import { dateInZone } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import { isAdmin, type Rules } from '../domain/rules.ts'
import type { Project } from '../domain/types.ts'
import type { Logger } from '../log.ts'
import { enqueueFile, enqueueText } from '../outbox/enqueue.ts'
import type { Person } from '../domain/types.ts'
import {
  answeredBefore,
  attachRecentPhotos,
  firstAnswer,
  isStorageFault,
  PHOTO_MAX_BYTES,
  PHOTO_NEAR_MS,
  photoMime,
  recallMessage,
  recordPhoto,
  retractPhotosOf,
  savePhotoFile,
  underSavepoint,
  type Db,
} from '../store/index.ts'
import { clip } from '../text/labels.ts'
import { renderRecall } from '../text/recall.ts'
import { issueOfOutcome, renderConfirmation } from '../text/confirmation.ts'
import { QUESTION_POINTER, UNBOUND_HINT } from '../text/pointers.ts'
import type { ChatMessage } from './chat-message.ts'
import type { AdminRoster } from './admin-roster.ts'
import { commandCatalogue } from './command-catalogue.ts'
import { commandWord, type BoardLinks, type CommandContext, type CommandDefinition, type Place } from './command.ts'
import { UsageError, UserFacingError } from './errors.ts'
import { takeMessage, type MessageTaken } from './message-core.ts'
import type { RoomExists } from './project-binding.ts'
import { Remembered } from './remembered.ts'
import { runUnitOfWork } from './unit-of-work.ts'

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

/** Handles one message inside the batch's transaction. Throws only when the database itself fails (locked, full). */
export type HandleMessage = (msg: ChatMessage) => Promise<void>

export interface Router {
  /**
   * A batch of messages as one unit of work (unit-of-work.ts): `work` handles its messages through
   * `handle` in one transaction of `db`; when the batch does not commit, whatever the router
   * remembered (bindings, senders, issue topics) is forgotten, and the error goes to the caller,
   * which tries the batch again or gives it up.
   */
  inBatch<T>(db: Db, work: (handle: HandleMessage, trx: Db) => Promise<T>): Promise<T>
}

type Reply = (text: string, issueId?: number) => Promise<void>

/** A group message the core took in (not a second delivery). */
type Taken = Extract<MessageTaken, { duplicate: false }>


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
  const remembered = new Remembered()
  const catalogue = commandCatalogue(deps.commands)
  const isAdminNow = (person: ChatMessage['talker'], db: Db): Promise<boolean> =>
    deps.admins ? deps.admins.isAdmin(person, db) : Promise.resolve(isAdmin(rules, person))
  /**
   * When each sender last posted a photo in each project ("project:sender" → ms), so that a report
   * or a close looks for photos to tie to only when there can be some: most messages come with none,
   * and the per-message path stays one statement shorter. (After a restart a photo of the minutes
   * before it is not tied to what its sender says next; it is still kept and shown.)
   */
  const photoPosted = new Map<string, number>()
  const attachPhotos = async (db: Db, projectId: number, senderId: number, at: Date, to: { progressId: number } | { issueId: number }) => {
    const posted = photoPosted.get(`${projectId}:${senderId}`)
    if (posted === undefined || posted < at.getTime() - PHOTO_NEAR_MS) return
    await attachRecentPhotos(db, { projectId, senderId, at, to })
  }

  async function handle(msg: ChatMessage, db: Db): Promise<void> {
    const reply: Reply = (text, issueId) =>
      enqueueText(db, { target: replyTarget(msg), text, issueId: issueId ?? null }, clock.now()).then(() => undefined)
    try {
      await underSavepoint(db, () => route(msg, db, reply))
    } catch (error) {
      // The savepoint took back what this message did, a binding of its group or a new sender included.
      remembered.forgetUncommitted()
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
    const project = await remembered.projects.find(db, msg.room, rules.projectRoomPattern, clock.now(), log, deps.roomExists)
    if (msg.command) remembered.forgetAfterCommand(msg.room.id)
    if (!project) {
      if (msg.command && (await firstAnswer(db, msg.id, clock.now()))) await runCommand(msg, db, reply, 'unbound')
      return
    }
    // "/bind 某项目" answered while the group was unbound, delivered again now that it is bound.
    if (msg.command && (await answeredBefore(db, msg.id))) return
    if (msg.kind === 'recall') {
      remembered.forgetIssuesOf(project.id)
      return recall(msg, msg.room.id, db, reply)
    }
    const taken = await takeMessage(db, { ...msg, room: msg.room }, project, clock.now(), { rules, botName: deps.botName, remembered, isAdmin: isAdminNow })
    // A second delivery of the same message (reconnects do that) changes nothing and says nothing.
    if (taken.duplicate) return
    if (msg.photo !== undefined) return keepPhoto(msg, msg.photo, db, project, taken)
    if (msg.kind !== 'text') return
    if (msg.command) return runCommand(msg, db, reply, 'project', project, taken.sender, taken.messageId)
    await confirm(msg, db, reply, project, taken)
  }

  /**
   * A picture posted in the group is kept as evidence, tied to its sender's progress report or close
   * of the last few minutes (recordPhoto); one that cannot be kept is logged, the placeholder stays.
   */
  async function keepPhoto(msg: ChatMessage, photo: NonNullable<ChatMessage['photo']>, db: Db, project: Project, taken: Taken): Promise<void> {
    const from = `群「${msg.room?.topic ?? ''}」中 ${msg.talker.name} 发的图片（消息 ${msg.id}）`
    if (photo === 'too-large') return log.warn(`${from}超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB，未保存`)
    if (photo === 'unavailable') return log.warn(`${from}未能从微信取得，未保存`)
    const mime = photoMime(photo)
    if (!mime) return log.warn(`${from}不是可显示的图片格式，未保存`)
    const sha256 = savePhotoFile(deps.dataDir, photo)
    await recordPhoto(db, { projectId: project.id, messageId: taken.messageId, senderId: taken.sender.id, sha256, bytes: photo.length, mime, at: msg.sentAt })
    photoPosted.set(`${project.id}:${taken.sender.id}`, msg.sentAt.getTime())
  }

  /** Runs a command where its definition allows it, for whom it allows it; its reply goes back. */
  async function runCommand(msg: ChatMessage, db: Db, reply: Reply, place: Place, project?: Project, sender?: Person, messageRowId?: number): Promise<void> {
    const admin = await isAdminNow(msg.talker, db)
    if (place === 'private' && !admin) return reply(PRIVATE_EXPLANATION)
    const line = msg.command
    if (!line) {
      if (place === 'private') await reply('请发送命令，例如 /状态 或 /问题；发 /帮助 查看全部命令。')
      return
    }
    const command = catalogue.find(line.name)
    if (!command) {
      // Unbound groups are left alone: a slash there may be anyone's, not meant for the bot.
      if (place === 'unbound') return
      const near = catalogue.nearest(line.name)
      return reply(`没有 /${clip(line.name, 20)} 这个命令。${near ? `您是不是要用 ${commandWord(near)}（${near.description}）？` : ''}发 /帮助 查看全部命令。`)
    }
    // One of its commands in an unbound group gets one line: "/status" who may bind the group,
    // "/bind" from a member (below) who may run it.
    if (place === 'unbound' && !command.where.includes('unbound')) return reply(UNBOUND_HINT)
    if (!command.where.includes(place)) return reply(`${commandWord(command)} 请在${command.where.map((p) => PLACE_NAMES[p]).join('或')}使用。`)
    const owner = msg.room?.ownerId !== undefined && msg.room.ownerId === msg.talker.id
    // A member's /简报 in the leaders' group (unbound) is not answered: that group is not for chat.
    if (command.who === 'admin' && !admin) return place === 'unbound' ? undefined : reply(`${commandWord(command)} 仅限管理员使用。`)
    if (command.who === 'admin-or-owner' && !admin && !owner) return reply(`${commandWord(command)} 仅限管理员或群主使用。`)

    const now = clock.now()
    const ctx: CommandContext = {
      args: line.args,
      message: msg,
      place,
      project: project ? { id: project.id, name: project.name, muted: project.muted } : undefined,
      isAdmin: admin,
      isGroupOwner: owner,
      sender,
      messageRowId: messageRowId ?? null,
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
    // "/解决 3" after a picture of the work done: the picture is its evidence.
    if (command.name === 'resolve' && out.issueId !== undefined && project && sender) {
      await attachPhotos(db, project.id, sender.id, msg.sentAt, { issueId: out.issueId })
    }
    if (out.text !== '') await reply(out.text, out.issueId)
    if (out.file) await enqueueFile(db, { target: replyTarget(msg), file: out.file }, clock.now())
  }

  /**
   * Answers in one reply what CONFIRM (and the group's /quiet) lets through of what the message
   * did: what was recorded, which issue it joined, what was closed or which to close. A question
   * put to the bot that recorded nothing gets a pointer instead.
   */
  async function confirm(msg: ChatMessage, db: Db, reply: Reply, project: Project, taken: Taken): Promise<void> {
    const { outcome } = taken
    // Pictures the sender posted just before are the evidence of what this message reports or closes.
    for (const issue of outcome.closed) await attachPhotos(db, project.id, taken.sender.id, msg.sentAt, { issueId: issue.id })
    const progress = outcome.progress[0]
    if (progress) await attachPhotos(db, project.id, taken.sender.id, msg.sentAt, { progressId: progress.id })
    const text = renderConfirmation(outcome, project.muted ? 'none' : rules.confirm, rules.teams)
    if (text !== '') return reply(text, issueOfOutcome(outcome))
    if (taken.plans.length === 0 && msg.mentionsBot) await reply(QUESTION_POINTER)
  }

  async function recall(msg: ChatMessage, roomId: string, db: Db, reply: Reply): Promise<void> {
    // The recall's text is the recalled message's id; only that group's message, by the same sender, is taken back.
    const result = await recallMessage(db, { wechatId: msg.text, roomId, senderWechatId: msg.talker.id }, clock.now())
    if (!result) return
    const photos = await retractPhotosOf(db, deps.dataDir, result.messageId, clock.now())
    if (result.alreadyRecalled) return
    const text = renderRecall(result, msg.talker.name, rules.teams, dateInZone(clock.now(), rules.timeZone), photos)
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
    inBatch: (db, work) => runUnitOfWork(db, remembered, (trx) => work((msg) => handle(msg, trx), trx)),
  }
}
