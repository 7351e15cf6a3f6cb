import { z } from 'zod'

/** The puppet service client, when a connection is configured; `undefined` means the local console. */
export interface WechatyConnection {
  /** The puppet package name, e.g. `wechaty-puppet-service`. */
  puppet: string
  token: string | undefined
  endpoint: string | undefined
  /** `WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true`: plain gRPC, for a service on a trusted network. */
  noTls: boolean
}

export interface Config {
  databasePath: string
  /** WeChat display names or contact ids allowed to run admin commands. */
  botAdmins: string[]
  projectRoomPattern: RegExp
  sendIntervalMs: number
  issueSlaWorkingDays: number
  timezone: string
  loginTimeoutMs: number
  connection: WechatyConnection | undefined
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const present = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim())
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional())
const wholeNumber = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback))

const schema = z.object({
  DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default('data/duban.sqlite')),
  BOT_ADMINS: z.preprocess(emptyToUndefined, z.string().default('')),
  PROJECT_ROOM_PATTERN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('^【项目】(.+?)(推进群|工作群|群)?$')
      .refine(isRegExp, { message: 'not a valid regular expression' }),
  ),
  SEND_INTERVAL_MS: wholeNumber(2000, 0, 600_000),
  ISSUE_SLA_WORKING_DAYS: wholeNumber(7, 1, 250),
  BOT_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z.string().default('Asia/Shanghai').refine(isTimeZone, { message: 'not an IANA timezone such as Asia/Shanghai' }),
  ),
  LOGIN_TIMEOUT_SECONDS: wholeNumber(60, 1, 3600),
  WECHATY_PUPPET: optionalText,
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  WECHATY_PUPPET_SERVICE_ENDPOINT: optionalText,
  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: z.preprocess(
    emptyToUndefined,
    z.enum(['true', 'false'], { message: 'must be exactly true or false' }).optional(),
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

function isTimeZone(text: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: text })
    return true
  } catch {
    return false
  }
}

/** Thrown when settings are wrong; its message lists every wrong setting, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`设置有误 (invalid settings):\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads and checks every setting at once; only `main.ts` passes `process.env`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env)
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`)
  // Wechaty's own rule: the token alone implies the puppet service, and the service needs a token.
  const token = present(env['WECHATY_PUPPET_SERVICE_TOKEN'])
  const puppet = present(env['WECHATY_PUPPET']) ?? (token ? 'wechaty-puppet-service' : undefined)
  if (puppet === 'wechaty-puppet-service' && !token) {
    problems.push('WECHATY_PUPPET_SERVICE_TOKEN: required when WECHATY_PUPPET is wechaty-puppet-service')
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems)
  const s = result.data
  return {
    databasePath: s.DATABASE_PATH,
    botAdmins: s.BOT_ADMINS.split(/[,，]/)
      .map((a) => a.trim())
      .filter((a) => a !== ''),
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
  }
}
