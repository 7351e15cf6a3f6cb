import { defineCommand } from '../src/core/index.ts'
import { UNBOUND_HINT } from '../src/text/pointers.ts'

export default defineCommand({
  name: 'help',
  aliases: ['帮助'],
  description: '列出全部命令',
  usage: '/help',
  where: ['project', 'private', 'unbound'],
  who: 'anyone',
  run(ctx) {
    if (ctx.place === 'unbound') return UNBOUND_HINT
    const lines = ctx.catalogue
      .filter((c) => c.where.includes(ctx.place))
      .filter((c) => c.who === 'anyone' || ctx.isAdmin || (c.who === 'admin-or-owner' && ctx.isGroupOwner))
      // The usage without its example: "/resolve 编号 [办法]（/解决）办结问题 N，可写明解决办法".
      .map((c) => `${c.usage.split('，例如')[0]}（/${c.aliases[0] ?? c.name}）${c.description}`)
    return [
      '督办助手命令（/ 或 ／ 开头，可 @我）：',
      ...lines,
      '',
      '在项目群里直接说进度和问题即可，我会自动记录并回复确认；引用问题消息说“已解决”即可办结。',
    ].join('\n')
  },
})
