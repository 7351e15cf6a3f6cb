import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutputExistsError, writeFileAtomically } from '../../src/export/atomic-file.ts'
import { LEDGER_DAY, buildLedgerCity } from './ledger-fixture.ts'
import { runCli } from './run-cli.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

let store: TestStore
let out: string

beforeAll(async () => {
  store = await openTestStore()
  await buildLedgerCity(store.db)
  out = mkdtempSync(join(tmpdir(), 'duban-export-out-'))
})

afterAll(async () => {
  await store?.close()
  rmSync(out, { recursive: true, force: true })
})

describe('npm run export', () => {
  it('writes the workbook, owner-only, and says what is in it', async () => {
    const file = join(out, '台账.xlsx')
    const run = await runCli('export', ['--out', file, '--date', LEDGER_DAY], store.path)
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(`已导出 ${file}（截至 ${LEDGER_DAY}）：项目 3 个，问题 5 个（未办结 4 个，其中超期 2 个），进度记录 2 条。\n`)
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('refuses to replace an existing file without --force (exit 2), and replaces it with --force', async () => {
    const file = join(out, '已有.xlsx')
    writeFileSync(file, '上周的台账')
    const refused = await runCli('export', ['--out', file], store.path)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`${file} 已存在。要覆盖请加 --force。`)
    expect(readFileSync(file, 'utf8')).toBe('上周的台账')
    const forced = await runCli('export', ['--out', file, '--force', '--date', LEDGER_DAY], store.path)
    expect(forced.code).toBe(0)
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK')
  })

  // Every wrong command line is in test/unit/export-options.test.ts; here the exit code of two.
  it.each([
    ['a wrong --date', ['--date', '2026-02-30'], '--date 2026-02-30：不是有效的日期'],
    ['a year the calendar cannot compute', ['--date', '2100-01-05'], '日历没有 2100 年的法定节假日数据，也无法推算'],
  ])('%s: exit 2, a Chinese explanation, nothing written', async (_, args, message) => {
    const before = readdirSync(out)
    const run = await runCli('export', ['--out', join(out, '台账2.xlsx'), ...args], store.path)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect(readdirSync(out)).toEqual(before)
  })

  it('cannot write into a folder that does not exist: exit 1, says why, leaves nothing', async () => {
    const before = readdirSync(out)
    const target = join(out, '没有这个文件夹', '台账.xlsx')
    const run = await runCli('export', ['--out', target, '--date', LEDGER_DAY], store.path)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`无法写入 ${target}：文件夹 ${join(out, '没有这个文件夹')} 不存在。没有留下任何文件。\n`)
    expect(readdirSync(out)).toEqual(before)
  })

  it('without a database: exit 1, no empty database created, and where the console\'s demo data is', async () => {
    const missing = join(out, 'data', 'duban.sqlite')
    const run = await runCli('export', ['--out', join(out, '空.xlsx')], missing)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`找不到数据库 ${missing}（DATABASE_PATH）`)
    expect(run.stderr).toContain(join(out, 'data', 'console.sqlite'))
    expect(readdirSync(out)).not.toContain('data')
    expect(readdirSync(out)).not.toContain('空.xlsx')
  })
})

describe('writing a file whole or not at all', () => {
  it('leaves nothing behind when the writer fails half-way', async () => {
    const file = join(out, '半截.xlsx')
    await expect(
      writeFileAtomically(file, false, async (stream) => {
        stream.write('PK half a workbook')
        throw new Error('磁盘已满')
      }),
    ).rejects.toThrow('磁盘已满')
    expect(readdirSync(out).filter((f) => f.includes('半截'))).toEqual([])
  })

  it('does not replace a file that appeared while writing, unless told to', async () => {
    const file = join(out, '同时.xlsx')
    const write = (text: string) => async (stream: NodeJS.WritableStream) => {
      writeFileSync(file, '别人刚写的')
      stream.end(text)
    }
    await expect(writeFileAtomically(file, false, write('mine'))).rejects.toBeInstanceOf(OutputExistsError)
    expect(readFileSync(file, 'utf8')).toBe('别人刚写的')
    await writeFileAtomically(file, true, write('mine'))
    expect(readFileSync(file, 'utf8')).toBe('mine')
    expect(readdirSync(out).filter((f) => f.includes('同时'))).toEqual(['同时.xlsx'])
  })
})
