import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { WechatyConnection, WechatyLogLevel } from './wechat/connection-puppet.ts'
import type { ConfirmMode } from './domain/rules.ts'
import type { SlowThresholds } from './domain/slow-projects.ts'
import { cronProblem, type JobSchedule } from './jobs/index.ts'
import type { BoardSettings } from './web/index.ts'

/** Every setting, read from the environment; the files they name are read by settings.ts. */
export interface Config {
  databasePath: string
  /** WeChat display names or contact ids allowed to run admin commands. */
  botAdmins: string[]
  projectRoomPattern: RegExp
  sendIntervalMs: number
  issueSlaWorkingDays: number
  timezone: string
  loginTimeoutMs: number
  /** The puppet service to connect to; `undefined` means the local console. */
  connection: WechatyConnection | undefined
  /** The teams and liaisons file (data/teams.json). */
  teamsFile: string
  /** The holidays override file (data/holidays.json): a newly announced year without a release. */
  holidaysFile: string
  /** node-cron expressions in `timezone`, five fields or six with seconds first. */
  schedule: JobSchedule
  reminderAfterWorkingDays: number
  /** CONFIRM: which records a group hears back about (see ConfirmMode). */
  confirm: ConfirmMode
  /** Contact names (or ids) and group topics the leaders' digest goes to. */
  digestRecipients: string[]
  /** CITY_NAME: the city (or district) the printed 台账 and the 通报 are titled with; '' for none. */
  city: string
  slowThresholds: SlowThresholds
  /** The whiteboard web server; `undefined` when WEB_PORT is 0 (no board). */
  board: BoardSettings | undefined
  /** WECHATY_LOG: Wechaty's own log lines at this level; `undefined` keeps them out of the console. */
  wechatyLog: WechatyLogLevel | undefined
}

// Only types come from the bot: reading the settings must not load Wechaty (npm run digest).
const WECHATY_LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'verbose', 'silly'] as const satisfies readonly WechatyLogLevel[]

/** Where the settings' files are when nothing says otherwise. */
export const DEFAULT_DATABASE_PATH = 'data/duban.sqlite'
export const DEFAULT_TEAMS_FILE = 'data/teams.json'
export const DEFAULT_HOLIDAYS_FILE = 'data/holidays.json'

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const present = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim())
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional())
/** A whole number in a range; every way of missing it says the same: "应为 1 到 250 之间的整数". */
const wholeNumber = (fallback: number, min: number, max: number) => {
  const error = `应为 ${min} 到 ${max} 之间的整数`
  return z.preprocess(emptyToUndefined, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback))
}

const cron = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .default(fallback)
      .superRefine((text, ctx) => {
        const problem = cronProblem(text)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      }),
  )

const schema = z.object({
  DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_DATABASE_PATH)),
  BOT_ADMINS: z.preprocess(emptyToUndefined, z.string().default('')),
  PROJECT_ROOM_PATTERN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('^【项目】(.+?)(推进群|工作群|群)?$')
      .refine(isRegExp, { message: '不是有效的正则表达式' }),
  ),
  SEND_INTERVAL_MS: wholeNumber(2000, 0, 600_000),
  ISSUE_SLA_WORKING_DAYS: wholeNumber(7, 1, 250),
  BOT_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z.string().default('Asia/Shanghai').refine(isTimeZone, { message: '不是有效的时区名称，例如 Asia/Shanghai' }),
  ),
  LOGIN_TIMEOUT_SECONDS: wholeNumber(60, 1, 3600),
  TEAMS_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_TEAMS_FILE)),
  HOLIDAYS_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_HOLIDAYS_FILE)),
  REMINDER_CRON: cron('0 17 * * *'),
  BLOCKER_CRON: cron('0 9 * * *'),
  DIGEST_CRON: cron('30 8 * * *'),
  // Mondays at 09:00: the 通报 of the week before, after the day's digest.
  WEEKLY_CRON: cron('0 9 * * 1'),
  REMINDER_AFTER_WORKING_DAYS: wholeNumber(1, 1, 60),
  // issues by default: a burst of chat in a busy group is answered for what carries a number or a
  // milestone, not line by line (README, 设置).
  CONFIRM: z.preprocess(
    (v) => (typeof emptyToUndefined(v) === 'string' ? (v as string).trim().toLowerCase() : undefined),
    z.enum(['all', 'issues', 'none'], { message: '只能是 all、issues 或 none' }).default('issues'),
  ),
  DIGEST_RECIPIENTS: z.preprocess(emptyToUndefined, z.string().default('')),
  CITY_NAME: z.preprocess(emptyToUndefined, z.string().trim().max(20, '最多 20 个字，例如 某某市 或 某某区').default('')),
  SLOW_SIGNED_MONTHS: wholeNumber(6, 1, 120),
  SLOW_LAND_MONTHS: wholeNumber(6, 1, 120),
  SLOW_CONSTRUCTION_MONTHS: wholeNumber(18, 1, 120),
  WEB_HOST: z.preprocess(emptyToUndefined, z.string().trim().default('127.0.0.1')),
  WEB_PORT: wholeNumber(8080, 0, 65_535),
  BOARD_URL: z.preprocess(emptyToUndefined, z.string().trim().refine(isWebAddress, { message: '应为 http:// 或 https:// 开头的网址' }).optional()),
  BOARD_SECRET: z.preprocess(emptyToUndefined, z.string().trim().min(32, '至少 32 个字符（或留空：首次启动时自动生成并保存在数据库里）').optional()),
  BOARD_LINK_DAYS: wholeNumber(7, 1, 365),
  WECHATY_LOG: z.preprocess(
    (v) => (typeof emptyToUndefined(v) === 'string' ? (v as string).trim().toLowerCase() : undefined),
    z.enum(WECHATY_LOG_LEVELS, { message: `只能是 ${WECHATY_LOG_LEVELS.join('、')} 之一` }).optional(),
  ),
  WECHATY_PUPPET: optionalText,
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  WECHATY_PUPPET_SERVICE_ENDPOINT: optionalText,
  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: z.preprocess(
    emptyToUndefined,
    z.enum(['true', 'false'], { message: '只能是 true 或 false' }).optional(),
  ),
})

function isRegExp(text: string): boolean {
  try {
    new RegExp(text, 'u')
    return true
  } catch {
    return false
  }
}

function isWebAddress(text: string): boolean {
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol)
}

function isTimeZone(text: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: text })
    return true
  } catch {
    return false
  }
}

/** The local console keeps its demo data beside the real database, never in it: data/console.sqlite. */
export function consoleDatabasePath(databasePath: string): string {
  return join(dirname(databasePath), 'console.sqlite')
}

/** Thrown when settings are wrong; its message lists every wrong setting, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`设置有误（.env 或环境变量），请改正：\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads and checks every setting at once; only `main.ts` passes `process.env`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env)
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')}：${i.message}`)
  // Wechaty's own rule: the token alone implies the puppet service, and the service needs a token.
  const token = present(env['WECHATY_PUPPET_SERVICE_TOKEN'])
  const puppet = present(env['WECHATY_PUPPET']) ?? (token ? 'wechaty-puppet-service' : undefined)
  if (puppet === 'wechaty-puppet-service' && !token) {
    problems.push('WECHATY_PUPPET_SERVICE_TOKEN：WECHATY_PUPPET 为 wechaty-puppet-service 时必须填写')
  }
  if (puppet === 'wechaty-puppet-service' && token && !present(env['WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME'])) {
    const problem = tokenProblem(token)
    if (problem) problems.push(`WECHATY_PUPPET_SERVICE_TOKEN：${problem}`)
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems)
  const s = result.data
  return {
    databasePath: s.DATABASE_PATH,
    botAdmins: list(s.BOT_ADMINS),
    projectRoomPattern: new RegExp(s.PROJECT_ROOM_PATTERN, 'u'),
    sendIntervalMs: s.SEND_INTERVAL_MS,
    issueSlaWorkingDays: s.ISSUE_SLA_WORKING_DAYS,
    timezone: s.BOT_TIMEZONE,
    loginTimeoutMs: s.LOGIN_TIMEOUT_SECONDS * 1000,
    connection:
      puppet === undefined || puppet === 'wechaty-puppet-mock'
        ? undefined
        : {
            puppet,
            token: s.WECHATY_PUPPET_SERVICE_TOKEN,
            endpoint: s.WECHATY_PUPPET_SERVICE_ENDPOINT,
            noTls: s.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT === 'true',
          },
    teamsFile: s.TEAMS_FILE,
    holidaysFile: s.HOLIDAYS_FILE,
    schedule: { reminder: s.REMINDER_CRON, blockers: s.BLOCKER_CRON, digest: s.DIGEST_CRON, weekly: s.WEEKLY_CRON },
    reminderAfterWorkingDays: s.REMINDER_AFTER_WORKING_DAYS,
    confirm: s.CONFIRM,
    digestRecipients: list(s.DIGEST_RECIPIENTS),
    city: s.CITY_NAME,
    slowThresholds: {
      signedMonths: s.SLOW_SIGNED_MONTHS,
      landMonths: s.SLOW_LAND_MONTHS,
      constructionMonths: s.SLOW_CONSTRUCTION_MONTHS,
    },
    board:
      s.WEB_PORT === 0
        ? undefined
        : {
            host: s.WEB_HOST,
            port: s.WEB_PORT,
            publicUrl: (s.BOARD_URL ?? `http://${s.WEB_HOST.includes(':') ? `[${s.WEB_HOST}]` : s.WEB_HOST}:${s.WEB_PORT}`).replace(/\/+$/u, ''),
            secret: s.BOARD_SECRET,
            linkDays: s.BOARD_LINK_DAYS,
          },
    wechatyLog: s.WECHATY_LOG,
  }
}

/**
 * Why a puppet service token cannot work, known before connecting. The service client takes the
 * TLS server name from the token's prefix, up to its last underscore: "puppet_padlocal_3f2a…" and
 * "insecure_3f2a…" have one, a bare "3f2a…" or "_3f2a…" has none, and the client refuses it
 * (WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME, when set, supplies the name instead).
 */
function tokenProblem(token: string): string | null {
  return token.lastIndexOf('_') > 0
    ? null
    : '格式不对：token 应带服务商给的前缀和下划线，例如 puppet_padlocal_xxxx 或 insecure_xxxx；请照服务商给的原样填写'
}

/** "张三, 李四，【督办】领导群" → three names: ASCII or full-width commas, spaces trimmed. */
function list(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((a) => a.trim())
    .filter((a) => a !== '')
}
