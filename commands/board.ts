import { defineCommand, UsageError, UserFacingError } from '../src/core/index.ts'
import { dateInZone } from '../src/calendar/local-date.ts'
import { renderBoardLink } from '../src/text/board.ts'

const DAY_MS = 86_400_000

export default defineCommand({
  name: 'board',
  aliases: ['白板'],
  description: '督办白板的网页链接：全部项目、问题和专班一览',
  usage: '/白板',
  where: ['private'],
  who: 'admin',
  run(ctx) {
    if (ctx.args !== '') throw new UsageError('/白板 不带参数。')
    if (!ctx.board) throw new UserFacingError('白板没有开启：请在设置中把 WEB_PORT 设为端口号（见 README「督办白板」）。')
    const { url, expiresAt } = ctx.board.link(ctx.now)
    const days = Math.round((expiresAt.getTime() - ctx.now.getTime()) / DAY_MS)
    const unstaffed = Object.values(ctx.rules.teams).filter((t) => t.liaisons.length === 0).map((t) => t.name)
    return renderBoardLink(url, days, dateInZone(expiresAt, ctx.rules.timeZone), unstaffed)
  },
})
