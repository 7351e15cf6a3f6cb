import { defineCommand, type CommandDefinition, type Place } from '../src/core/index.ts'
import { UNBOUND_HINT } from '../src/text/pointers.ts'

const PLACES: Record<Place, string> = { project: '项目群', private: '私聊', unbound: '简报接收群' }

/** Who may run a command and where, when that is not anyone in a project group: "（管理员，私聊）". */
function limits(c: CommandDefinition): string {
  const who = c.who === 'admin' ? '管理员' : c.who === 'admin-or-owner' ? '管理员、群主' : ''
  const where = c.where.includes('project') ? '' : c.where.map((p) => PLACES[p]).join('或')
  const parts = [who, where].filter((p) => p !== '')
  return parts.length > 0 ? `（${parts.join('，')}）` : ''
}

/**
 * Every command, from the definitions, each under its Chinese name, with who may run it and where
 * when that is limited: "/白板 督办白板的网页链接…（管理员，私聊）". A command that runs elsewhere is
 * listed too: someone asking in a group learns that /导出 exists and where it works.
 */
export default defineCommand({
  name: 'help',
  aliases: ['帮助'],
  description: '列出全部命令',
  usage: '/帮助',
  where: ['project', 'private', 'unbound'],
  who: 'anyone',
  run(ctx) {
    if (ctx.place === 'unbound') return UNBOUND_HINT
    // The usage without its example: "/解决 编号 [办法] 办结问题 N，可写明解决办法".
    const lines = ctx.catalogue.map((c) => `${c.usage.split('，例如')[0]} ${c.description}${limits(c)}`)
    return [
      '督办助手命令（/ 或 ／ 开头，可 @我）：',
      ...lines,
      '',
      '在项目群里直接说进度和问题即可，我会自动记录并回复确认；引用问题消息说“已解决”即可办结。',
    ].join('\n')
  },
})
