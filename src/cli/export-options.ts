// `npm run export`: what its command line means and what it says when it cannot go on, apart from
// the run itself so that every wrong usage is checked without starting a process.
import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isLocalDate } from '../calendar/local-date.ts'

export const USAGE = [
  '用法：npm run export -- --out 台账.xlsx [--date YYYY-MM-DD] [--force]',
  '  --out    要写入的 Excel 文件（.xlsx），必填',
  '  --date   按哪一天统计：工作日天数、超期/临期、本期（截至该日的 7 天）；默认今天',
  '  --force  文件已存在时覆盖',
].join('\n')

/** Wrong usage: the problem, then the usage; exit code 2. */
export class UsageProblem extends Error {}

export interface ExportOptions {
  out: string
  date: string | undefined
  force: boolean
}

/** The command line read and checked, the target too (not a folder; not there unless --force); relative paths from `cwd`. Throws UsageProblem. */
export function readExportOptions(args: string[], cwd: string): ExportOptions | 'help' {
  let values
  try {
    ;({ values } = parseArgs({ args, options: { out: { type: 'string' }, date: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }))
  } catch (error) {
    throw new UsageProblem(argumentProblem(error as NodeJS.ErrnoException))
  }
  if (values.help) return 'help'
  if (values.out === undefined || values.out.trim() === '') throw new UsageProblem('请用 --out 指定要写入的文件，例如 --out 台账.xlsx')
  if (!/\.xlsx$/iu.test(values.out)) throw new UsageProblem(`--out ${values.out}：文件名要以 .xlsx 结尾，Excel 和 WPS 才认得`)
  if (values.date !== undefined && !isLocalDate(values.date)) throw new UsageProblem(`--date ${values.date}：不是有效的日期，请写成 2026-11-30 这样`)
  const out = resolve(cwd, values.out)
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageProblem(`--out ${out} 是一个文件夹，请写文件名`)
  if (existsSync(out) && values.force !== true) throw new UsageProblem(`${out} 已存在。要覆盖请加 --force。`)
  return { out, date: values.date, force: values.force === true }
}

/** Node's parseArgs explains in English; the token it names is kept. */
function argumentProblem(error: NodeJS.ErrnoException): string {
  const token = /'([^' ]+)/u.exec(error.message)?.[1] ?? ''
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的参数 ${token}`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 ${token}（文件名请写在 --out 后面）`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${token} 的写法不对：--out 和 --date 后面要跟一个值，--force 不跟值`
    default:
      return error.message
  }
}

/** Why a file could not be written, in words a deployer can act on. */
export function writeProblem(path: string, error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    ...(existsSync(dirname(path)) ? {} : { ENOENT: `文件夹 ${dirname(path)} 不存在` }),
    ENOTDIR: `${dirname(path)} 不是文件夹`,
    EACCES: '没有写入权限',
    EPERM: '没有写入权限',
    EROFS: '磁盘是只读的',
    ENOSPC: '磁盘空间不足',
  }
  return `无法写入 ${path}：${(error.code && reasons[error.code]) ?? error.message}。没有留下任何文件。`
}
