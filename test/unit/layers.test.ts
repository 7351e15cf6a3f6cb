import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** The import-rule messages ESLint gives a one-line file at `path` importing `from`. */
async function importProblems(path: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as x from '${from}'\nexport const y = x\n`, { filePath: resolve(root, path) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the layers of docs/ARCHITECTURE.md, as the linter enforces them', () => {
  it.each([
    ['src/parse/x.ts', '../store/index.ts', /parse may import only base/],
    ['src/parse/x.ts', '../domain/types.ts', /parse may import only base/],
    ['src/domain/x.ts', '../text/labels.ts', /domain may import only/],
    ['src/domain/x.ts', '../store/index.ts', /domain may import only/],
    ['src/text/x.ts', '../store/index.ts', /text may import only/],
    ['src/store/x.ts', '../text/labels.ts', /store may import only/],
    ['src/jobs/x.ts', '../core/router.ts', /jobs may import only/],
    ['src/core/x.ts', '../jobs/index.ts', /core may import only/],
    ['src/core/x.ts', '../config.ts', /core may import only/],
    ['src/core/x.ts', '../wechat/transport.ts', /core may import only/],
    ['src/core/x.ts', 'wechaty', /only src\/wechat talks to WeChat/],
    ['src/cli/x.ts', '../wechat/transport.ts', /never the WeChat edge/],
    ['commands/x.ts', '../src/wechat/transport.ts', /commands may import only/],
    ['src/core/x.ts', '../store/database.ts', /through src\/store\/index\.ts/],
    ['src/cli/x.ts', '../store/messages.repository.ts', /through src\/store\/index\.ts/],
    ['commands/x.ts', '../src/core/router.ts', /through src\/core\/index\.ts/],
    ['commands/x.ts', '../src/jobs/index.ts', /commands may import only/],
    ['src/text/x.ts', 'wechaty', /only src\/wechat talks to WeChat/],
    ['src/domain/x.ts', 'kysely', /only src\/store touches the database/],
    ['src/wechat/x.ts', 'node-cron', /only src\/jobs schedules/],
    ['src/web/x.ts', '../core/index.ts', /web may import only/],
    ['src/web/x.ts', '../jobs/index.ts', /web may import only/],
    ['src/web/x.ts', '../app.ts', /web may import only/],
    ['src/web/x.ts', '../store/schema.ts', /through src\/store\/index\.ts/],
    ['src/web/x.ts', 'wechaty', /only src\/wechat talks to WeChat/],
    ['src/core/x.ts', '../web/index.ts', /core may import only/],
    ['src/jobs/x.ts', '../web/board-app.ts', /jobs may import only/],
    ['commands/x.ts', '../src/web/board-token.ts', /commands may import only/],
    ['src/store/x.ts', '../web/words.ts', /store may import only/],
    ['src/text/x.ts', 'hono/html', /only src\/web serves HTTP/],
    ['src/wechat/x.ts', 'hono', /only src\/web serves HTTP/],
    ['src/app.ts', '@hono/node-server', /only src\/web serves HTTP/],
    ['src/export/x.ts', '../core/index.ts', /export may import only/],
    ['src/export/x.ts', '../jobs/index.ts', /export may import only/],
    ['src/export/x.ts', '../store/database.ts', /through src\/store\/index\.ts/],
    ['src/jobs/x.ts', '../export/export-ledger.ts', /jobs may import only/],
    ['src/wechat/x.ts', '../export/export-ledger.ts', /wechat may import only/],
    ['src/text/x.ts', 'exceljs', /only src\/export writes workbooks/],
    ['commands/x.ts', 'exceljs', /only src\/export writes workbooks/],
    ['src/export/x.ts', 'file-box', /only src\/wechat talks to WeChat/],
    ['src/store/x.ts', 'better-sqlite3', /Only src\/store\/dialect\/ knows the engine/],
    ['src/store/x.ts', '../../bench/store.ts', /Nothing in src or commands imports bench/],
    ['src/store/x.ts', '../domain/sla.ts', /The store does no SLA arithmetic/],
    ['src/store/dialect/x.ts', '../../domain/sla.ts', /The store does no SLA arithmetic/],
    ['src/cli/x.ts', '../../bench/run.ts', /Nothing in src or commands imports bench/],
    ['src/app.ts', '../bench/query-profile.ts', /Nothing in src or commands imports bench/],
    ['commands/x.ts', '../bench/store.ts', /Nothing in src or commands imports bench/],
    ['bench/x.ts', '../src/store/database.ts', /through src\/store\/index\.ts/],
    ['bench/x.ts', '../src/wechat/transport.ts', /never the WeChat edge/],
  ])('%s may not import %s', async (path, from, message) => {
    expect(await importProblems(path, from)).toEqual([expect.stringMatching(message)])
  })

  it.each([
    ['src/parse/x.ts', '../calendar/local-date.ts'],
    ['src/domain/x.ts', '../parse/types.ts'],
    ['src/text/x.ts', '../domain/types.ts'],
    ['src/store/x.ts', '../domain/issue-status.ts'],
    ['src/reports/x.ts', '../domain/sla.ts'],
    ['src/store/x.ts', './database.ts'],
    ['src/core/x.ts', '../store/index.ts'],
    ['src/wechat/x.ts', 'wechaty'],
    ['src/wechat/x.ts', '../core/inbox.ts'],
    ['src/cli/x.ts', '../core/message-core.ts'],
    ['src/jobs/x.ts', '../outbox/enqueue.ts'],
    ['commands/x.ts', '../src/core/index.ts'],
    ['commands/x.ts', '../src/reports/digest.ts'],
    ['src/app.ts', './core/router.ts'],
    ['src/app.ts', './web/index.ts'],
    ['src/web/x.ts', '../store/index.ts'],
    ['src/web/x.ts', '../text/labels.ts'],
    ['src/web/x.ts', '../reports/digest.ts'],
    ['src/web/x.ts', 'hono/html'],
    ['src/web/x.ts', '@hono/node-server'],
    ['src/export/x.ts', '../store/index.ts'],
    ['src/export/x.ts', '../text/sheet-spec.ts'],
    ['src/export/x.ts', 'exceljs'],
    ['src/wechat/x.ts', 'file-box'],
    ['commands/x.ts', '../src/export/export-ledger.ts'],
    ['src/cli/x.ts', '../export/export-ledger.ts'],
    ['src/store/dialect/x.ts', 'better-sqlite3'],
    ['bench/x.ts', '../src/store/index.ts'],
    ['bench/x.ts', '../src/core/router.ts'],
    ['bench/x.ts', 'wechaty'],
    ['bench/x.ts', 'kysely'],
  ])('%s may import %s', async (path, from) => {
    expect(await importProblems(path, from)).toEqual([])
  })
})
