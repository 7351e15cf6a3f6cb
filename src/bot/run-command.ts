import { commands } from '../../commands/index.ts'
import type { CommandContext, CommandDefinition } from '../../commands/define-command.ts'
import { dateInZone } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import type { ParsedRecord } from '../parse/types.ts'
import type { Db, IngestResult, Project } from '../store/index.ts'
import type { ChatMessage } from './chat-message.ts'
import { editDistance, readCommandLine } from './command-line.ts'
import { UsageError, UserFacingError } from './errors.ts'
import type { BotSettings } from './handle-message.ts'

export interface CommandRuntime {
  db: Db
  clock: Clock
  calendar: WorkingCalendar
  parse(text: string, sentAt: Date): ParsedRecord[]
  settings: BotSettings
}

type Reply = (text: string, issueId?: number) => Promise<void>

const byWord = new Map<string, CommandDefinition>()
for (const c of commands) for (const word of [c.name, ...c.aliases]) byWord.set(word.toLowerCase(), c)

function findCommand(word: string): CommandDefinition | undefined {
  return byWord.get(word.toLowerCase())
}

/** The command whose name or alias is closest to a typo: `/stauts` → /status. */
function nearestCommand(word: string): CommandDefinition | undefined {
  let best: { c: CommandDefinition; d: number } | undefined
  for (const [w, c] of byWord) {
    const d = editDistance(word.toLowerCase(), w)
    if (!best || d < best.d) best = { c, d }
  }
  return best && best.d <= Math.max(1, Math.floor(word.length / 2)) ? best.c : undefined
}

function isAdmin(settings: BotSettings, talker: { id: string; name: string }): boolean {
  return settings.admins.includes(talker.id) || settings.admins.includes(talker.name)
}

const PRIVATE_EXPLANATION = '您好，我是督办助手，只在项目群里记录进度和问题；私聊查询仅对管理员开放。'
const UNBOUND_HINT = '本群尚未绑定项目，我不会记录这里的消息。管理员或群主可发 /bind 项目名称 绑定。'

/**
 * Runs a command message in any of the three places it can arrive: a bound project group
 * (`project` set), a group not bound (`project` undefined, `msg.room` set) or private chat.
 */
export async function runCommand(
  rt: CommandRuntime,
  msg: ChatMessage,
  project: Project | undefined,
  ingested: Extract<IngestResult, { duplicate: false }> | undefined,
  reply: Reply,
): Promise<void> {
  const admin = isAdmin(rt.settings, msg.talker)
  const line = readCommandLine(msg.body)
  const where = msg.room ? (project ? 'project' : 'unbound') : 'private'
  if (where === 'private' && !admin) return reply(PRIVATE_EXPLANATION)
  if (!line) {
    if (where === 'private') await reply('请发送命令，例如 /status 或 /issues；发 /help 查看全部命令。')
    return
  }
  const command = findCommand(line.name)
  const owner = msg.room?.ownerId !== undefined && msg.room.ownerId === msg.talker.id
  if (where === 'unbound') {
    // Unbound groups are left alone: only /bind from those allowed, /digest from an admin (the
    // command checks the group is a digest recipient), and a hint for /help.
    if (command?.name === 'help') return reply(UNBOUND_HINT)
    const allowed = command?.name === 'bind' ? admin || owner : command?.name === 'digest' && admin
    if (!allowed) return
  }
  if (!command) {
    const near = nearestCommand(line.name)
    return reply(`没有 /${line.name} 这个命令。${near ? `您是不是要用 /${near.name}（${near.description}）？` : ''}发 /help 查看全部命令。`)
  }
  if (where === 'private' && command.place === 'project') return reply(`/${command.name} 请在项目群里使用。`)
  if (command.adminOnly === true && !admin) return reply(`/${command.name} 仅限管理员使用。`)
  if (command.adminOnly === 'or-group-owner' && !admin && !owner) return reply(`/${command.name} 仅限管理员或群主使用。`)

  const now = rt.clock.now()
  const ctx: CommandContext = {
    args: line.args,
    message: msg,
    project: project ? { id: project.id, name: project.name, muted: project.muted } : undefined,
    isAdmin: admin,
    isGroupOwner: owner,
    sender: ingested?.sender,
    messageRowId: ingested?.messageId ?? null,
    now,
    today: dateInZone(now, rt.settings.timezone),
    db: rt.db,
    calendar: rt.calendar,
    settings: { slaWorkingDays: rt.settings.slaWorkingDays, timezone: rt.settings.timezone, teamNames: rt.settings.teamNames, digest: rt.settings.digest },
    parse: rt.parse,
    catalogue: commands,
  }
  try {
    const result = await command.run(ctx)
    const out = typeof result === 'string' ? { text: result } : result
    if (out.text !== '') await reply(out.text, out.issueId)
  } catch (error) {
    if (error instanceof UsageError) {
      return reply(`${error.message ? `${error.message}\n` : ''}用法：${command.usage}`)
    }
    if (error instanceof UserFacingError) return reply(error.message)
    throw error
  }
}
