import type { ChatMessage } from '../src/bot/chat-message.ts'
import type { TeamNames } from '../src/bot/render-labels.ts'
import type { LocalDate } from '../src/calendar/local-date.ts'
import type { WorkingCalendar } from '../src/calendar/working-calendar.ts'
import type { SlowThresholds } from '../src/domain/slow-projects.ts'
import type { ParsedRecord } from '../src/parse/types.ts'
import type { Db, Person } from '../src/store/index.ts'

/** The project of the group a command was typed in. */
export interface BoundProject {
  id: number
  name: string
  muted: boolean
}

/** Everything a command may use; nothing in here sends a message. */
export interface CommandContext {
  /** The arguments, full-width folded: `3 已协调供电局`. */
  args: string
  message: ChatMessage
  /** The bound project of the group; `undefined` in private chat and in unbound groups. */
  project: BoundProject | undefined
  isAdmin: boolean
  /** The sender owns the group (WeChat's 群主). */
  isGroupOwner: boolean
  /** The sender as stored (group messages only: private chat is not stored). */
  sender: Person | undefined
  /** The stored message carrying the command, to link the records it makes; null in private chat. */
  messageRowId: number | null
  now: Date
  today: LocalDate
  db: Db
  calendar: WorkingCalendar
  settings: CommandSettings
  parse(text: string, sentAt: Date): ParsedRecord[]
  /** Every command's name, aliases and description, for /help. */
  catalogue: readonly CommandDefinition[]
}

export interface CommandSettings {
  slaWorkingDays: number
  timezone: string
  teamNames: TeamNames
  /** What /digest needs beyond the rest; absent where no digest is configured (tests, benchmarks). */
  digest?: DigestCommandSettings | undefined
}

export interface DigestCommandSettings {
  thresholds: SlowThresholds
  /** DIGEST_RECIPIENTS: /digest also answers an admin in a group whose topic is listed here. */
  recipients: readonly string[]
}

/** A reply, optionally tied to an issue so that a quoted reply to it finds the issue. */
export interface CommandReply {
  text: string
  issueId?: number
}

/**
 * Where a command makes sense: only in a bound project group; there or in an admin's private chat;
 * or also in a group not bound yet (/bind, /help).
 */
export type CommandPlace = 'project' | 'private-or-project' | 'anywhere'

export interface CommandDefinition {
  name: string
  aliases: readonly string[]
  /** One line for /help. */
  description: string
  /** Shown on wrong arguments: `/resolve 编号 [办法]`. */
  usage: string
  /** `true`: admins only; `'or-group-owner'`: admins and the group's owner. */
  adminOnly?: boolean | 'or-group-owner'
  place: CommandPlace
  run(ctx: CommandContext): Promise<string | CommandReply> | string | CommandReply
}

export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition
}
