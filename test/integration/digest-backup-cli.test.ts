import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './run-cli.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

let store: TestStore
let dir: string

beforeAll(async () => {
  store = await openTestStore()
  dir = mkdtempSync(join(tmpdir(), 'duban-cli-'))
})

afterAll(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('without a database at DATABASE_PATH', () => {
  it.each(['digest', 'backup'] as const)('npm run %s says where the console keeps its data and how to point at it, creating nothing', async (script) => {
    const args = script === 'digest' ? [] : [join(dir, 'b.sqlite')]
    const command = script === 'digest' ? 'npm run digest' : `npm run backup -- ${join(dir, 'b.sqlite')}`
    const data = join(dir, `${script}-data`)
    const missing = join(data, 'duban.sqlite')
    const before = await runCli(script, [...args], missing)
    expect(before.code).toBe(1)
    expect(before.stderr).toContain(`找不到数据库 ${missing}（DATABASE_PATH）。连接微信后运行 npm start 会创建它。`)
    expect(before.stderr).toContain(`先运行 npm start 打开本地控制台，它的数据存放在 ${join(data, 'console.sqlite')}`)
    expect(existsSync(data)).toBe(false)

    // After trying the console, its data is there: say so, and how to use it.
    mkdirSync(data)
    copyFileSync(store.path, join(data, 'console.sqlite'))
    const after = await runCli(script, [...args], missing)
    expect(after.code).toBe(1)
    expect(after.stderr).toBe(
      `找不到数据库 ${missing}（DATABASE_PATH）。\n本地控制台（未连接微信时的 npm start）的数据在 ${join(data, 'console.sqlite')}，可这样使用：\n` +
        `  DATABASE_PATH=${join(data, 'console.sqlite')} ${command}\n`,
    )
    expect(readdirSync(data)).toEqual(['console.sqlite'])
  })
})

describe('npm run backup', () => {
  it('copies, says so in Chinese, and never overwrites', async () => {
    const target = join(dir, '备份.sqlite')
    const done = await runCli('backup', [target], store.path)
    expect(done).toMatchObject({ code: 0, stderr: '' })
    expect(done.stdout).toMatch(new RegExp(`^已备份 ${store.path} 到 ${target}（\\d+ 页）\\n$`, 'u'))
    const again = await runCli('backup', [target], store.path)
    expect(again).toMatchObject({ code: 1, stderr: `${target} 已存在，不会覆盖；请换一个文件名。\n` })
    expect((await runCli('backup', [], store.path)).stderr).toMatch(/^用法：npm run backup -- 备份文件路径/)
  })
})

describe('npm run digest', () => {
  it('explains a wrong command line in Chinese (exit 2)', async () => {
    const wrongDate = await runCli('digest', ['--date', '2026-02-30'], store.path)
    expect(wrongDate.code).toBe(2)
    expect(wrongDate.stderr).toMatch(/^--date 2026-02-30：不是有效的日期，请写成 2026-10-12 这样\n用法：npm run digest/)
    const unknown = await runCli('digest', ['--dates', '2026-02-03'], store.path)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^不认识的参数 --dates\n用法/)
  })
})
