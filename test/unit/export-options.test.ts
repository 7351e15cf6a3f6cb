import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readExportOptions, UsageProblem, writeProblem } from '../../src/cli/export-options.ts'

const cwd = mkdtempSync(join(tmpdir(), 'duban-export-options-'))
writeFileSync(join(cwd, '上周.xlsx'), '')
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

const problem = (args: string[]) => {
  try {
    readExportOptions(args, cwd)
  } catch (error) {
    if (error instanceof UsageProblem) return error.message
    throw error
  }
  return 'no problem'
}

describe('npm run export: reading the command line', () => {
  it('takes --out from where the command was typed, --date and --force as given', () => {
    expect(readExportOptions(['--out', '台账.xlsx'], cwd)).toEqual({ out: join(cwd, '台账.xlsx'), date: undefined, force: false })
    expect(readExportOptions(['--out', '/tmp/a.XLSX', '--date', '2026-11-30', '--force'], cwd)).toEqual({ out: '/tmp/a.XLSX', date: '2026-11-30', force: true })
    expect(readExportOptions(['--help'], cwd)).toBe('help')
  })

  it.each([
    [[], '请用 --out 指定要写入的文件，例如 --out 台账.xlsx'],
    [['--out', ' '], '请用 --out 指定要写入的文件，例如 --out 台账.xlsx'],
    [['--out'], '--out 的写法不对：--out 和 --date 后面要跟一个值，--force 不跟值'],
    [['--out', 'a.xlsx', '--date'], '--date 的写法不对：--out 和 --date 后面要跟一个值，--force 不跟值'],
    [['--out', 'a.xlsx', '--force=yes'], '--force 的写法不对：--out 和 --date 后面要跟一个值，--force 不跟值'],
    [['--out', 'a.xlsx', '--since', '2026-11-01'], '不认识的参数 --since'],
    [['台账.xlsx'], '多余的参数 台账.xlsx（文件名请写在 --out 后面）'],
    [['--out', '台账.csv'], '--out 台账.csv：文件名要以 .xlsx 结尾，Excel 和 WPS 才认得'],
    [['--out', 'a.xlsx', '--date', '2026-02-30'], '--date 2026-02-30：不是有效的日期，请写成 2026-11-30 这样'],
    [['--out', 'a.xlsx', '--date', '30/11/2026'], '--date 30/11/2026：不是有效的日期，请写成 2026-11-30 这样'],
    [['--out', 'a.xlsx', '--date', '2026-1-5'], '--date 2026-1-5：不是有效的日期，请写成 2026-11-30 这样'],
  ])('%j → %s', (args, message) => {
    expect(problem(args)).toBe(message)
  })

  it('refuses an existing file without --force, and a folder always', () => {
    expect(problem(['--out', '上周.xlsx'])).toBe(`${join(cwd, '上周.xlsx')} 已存在。要覆盖请加 --force。`)
    expect(readExportOptions(['--out', '上周.xlsx', '--force'], cwd)).toMatchObject({ force: true })
    mkdirSync(join(cwd, '存档.xlsx'))
    expect(problem(['--out', '存档.xlsx', '--force'])).toBe(`--out ${join(cwd, '存档.xlsx')} 是一个文件夹，请写文件名`)
  })

  it('says why a file cannot be written', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' })
    expect(writeProblem('/没有/台账.xlsx', enoent)).toBe('无法写入 /没有/台账.xlsx：文件夹 /没有 不存在。没有留下任何文件。')
    expect(writeProblem('/etc/passwd/台账.xlsx', Object.assign(new Error('x'), { code: 'ENOTDIR' }))).toBe('无法写入 /etc/passwd/台账.xlsx：/etc/passwd 不是文件夹。没有留下任何文件。')
    expect(writeProblem('/srv/台账.xlsx', Object.assign(new Error('x'), { code: 'EACCES' }))).toContain('没有写入权限')
    expect(writeProblem('/srv/台账.xlsx', Object.assign(new Error('x'), { code: 'ENOSPC' }))).toContain('磁盘空间不足')
  })
})
