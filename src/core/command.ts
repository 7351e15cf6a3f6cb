import type { LocalDate } from '../calendar/local-date.ts'
import type { Clock } from '../clock.ts'
import type { Rules } from '../domain/rules.ts'
import type { Person } from '../domain/types.ts'
import type { Db, OutboxFile } from '../store/index.ts'
import type { ChatMessage } from './chat-message.ts'

/**
 * Where a command may run: a bound project group, a group not bound to a project, a private chat.
 * Private chat is for admins only, whatever the command (the router tells anyone else so).
 */
export type Place = 'project' | 'unbound' | 'private'

/** Who may run it: anyone there, admins (BOT_ADMINS), or admins and the group's owner (群主). */
export type Who = 'anyone' | 'admin' | 'admin-or-owner'

/** The project of the group a command was typed in. */
export interface BoundProject {
  id: number
  name: string
  muted: boolean
}

/** Signed links to the whiteboard (the read-only web board), handed out by /board. */
export interface BoardLinks {
  /** A link valid from `now` for BOARD_LINK_DAYS days. */
  link(now: Date): { url: string; expiresAt: Date }
}

/** Everything a command may use; nothing in here sends a message. */
export interface CommandContext {
  /** The arguments, full-width folded: `3 已协调供电局`. */
  args: string
  message: ChatMessage
  place: Place
  /** The bound project of the group; set exactly when `place` is 'project'. */
  project: BoundProject | undefined
  isAdmin: boolean
  /** The sender owns the group (WeChat's 群主). */
  isGroupOwner: boolean
  /** The sender as stored (project groups only: other messages are not stored). */
  sender: Person | undefined
  /** The stored message carrying the command, to link the records it makes; null outside project groups. */
  messageRowId: number | null
  now: Date
  today: LocalDate
  db: Db
  clock: Clock
  rules: Rules
  /** The data folder (the one holding DATABASE_PATH): where a command writes the files it sends. */
  dataDir: string
  /** Every command, for /help. */
  catalogue: readonly CommandDefinition[]
  /** The whiteboard's links; undefined when the board is off (WEB_PORT=0). */
  board: BoardLinks | undefined
  /** A contact's name as WeChat has it now; undefined when WeChat cannot say (or there is no WeChat: the replay). */
  contactName(contactId: string): Promise<string | undefined>
}

/**
 * A reply, optionally tied to an issue so that a quoted reply to it finds the issue, and optionally
 * followed by a file (sent after the text, through the same outbox).
 */
export interface CommandReply {
  text: string
  issueId?: number
  file?: OutboxFile
}

export interface CommandDefinition {
  name: string
  aliases: readonly string[]
  /** One line for /help. */
  description: string
  /** Shown on wrong arguments: `/resolve 编号 [办法]`. */
  usage: string
  /** Where it runs; the router answers elsewhere with where to use it. */
  where: readonly Place[]
  who: Who
  run(ctx: CommandContext): Promise<string | CommandReply> | string | CommandReply
}

export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition
}

/**
 * The one name replies give a command: its Chinese alias ("/解决"), never its English name, so that
 * "/白板" is not answered with "/board". The English names still work when typed.
 */
export function commandWord(c: Pick<CommandDefinition, 'name' | 'aliases'>): string {
  return `/${c.aliases[0] ?? c.name}`
}
