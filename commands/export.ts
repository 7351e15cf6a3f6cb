import { defineCommand, UsageError } from '../src/core/index.ts'
import { timeInZone } from '../src/calendar/local-date.ts'
import { exportLedgerToDataDir } from '../src/export/export-ledger.ts'
import { renderLedgerReply } from '../src/text/ledger-export.ts'

export default defineCommand({
  name: 'export',
  aliases: ['导出'],
  description: '导出督办台账 Excel（项目台账、问题台账、进度记录、专班汇总），以文件私聊发给您',
  usage: '/导出',
  where: ['private'],
  who: 'admin',
  async run(ctx) {
    if (ctx.args.trim() !== '') throw new UsageError()
    // Written under the data folder and sent from there by the outbox, after this reply.
    const { file, counts } = await exportLedgerToDataDir(ctx.db, ctx.dataDir, {
      today: ctx.today,
      time: timeInZone(ctx.now, ctx.rules.timeZone),
      rules: ctx.rules,
    })
    return { text: renderLedgerReply(ctx.today, counts), file }
  },
})
