/** What `npm start` tells a deployer when WeChat would not log in, as plain data. */
export interface LoginFailure {
  reason: 'timeout' | 'token-refused' | 'start-failed'
  /** What the puppet service said last, in its own words ('' when nothing). */
  lastError: string
  timeoutSeconds: number
  /** WECHATY_PUPPET: the puppet package. */
  puppet: string
  /** WECHATY_PUPPET_SERVICE_ENDPOINT, when set. */
  endpoint: string | undefined
  /** WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true. */
  noTls: boolean
}

/**
 * Why start-up stopped and what to check, most likely first. A refused token
 * (`16 UNAUTHENTICATED: Invalid Wechaty TOKEN "…"`) is about the token alone; a puppet that would
 * not start (`Cannot find package 'wechaty-puppet-x'`) about WECHATY_PUPPET; a timeout may be the
 * address, the network, TLS or an account that was never scanned in.
 */
export function renderLoginFailure(f: LoginFailure): string {
  const said = f.lastError ? `\n服务返回的原话：${f.lastError.split('\n')[0]}` : ''
  if (f.reason === 'start-failed') {
    return [
      `督办助手无法启动微信组件 ${f.puppet}，再等也不会好，已立即退出。${said.replace('服务返回', '报错')}`,
      '请检查 WECHATY_PUPPET：连接 puppet 服务时不必设置；设置了其他 puppet 时，该包须已安装（npm install 包名）。',
    ].join('\n')
  }
  if (f.reason === 'token-refused') {
    return [
      `督办助手无法连接微信：puppet 服务拒绝了这个 token，再等也不会好，已立即退出。${said}`,
      '请检查 WECHATY_PUPPET_SERVICE_TOKEN：是否与服务商给的完全一致（含前缀）、是否已过期或被停用。',
    ].join('\n')
  }
  const where = f.endpoint ? `WECHATY_PUPPET_SERVICE_ENDPOINT（现为 ${f.endpoint}）` : 'WECHATY_PUPPET_SERVICE_ENDPOINT（未设置，将通过互联网按 token 查找服务地址）'
  return [
    `督办助手无法连接微信：${f.timeoutSeconds} 秒内没有登录（LOGIN_TIMEOUT_SECONDS）。${said}`,
    '请依次检查：',
    `  1. ${where}：puppet 服务是否在运行、本机能否访问；`,
    '  2. WECHATY_PUPPET_SERVICE_TOKEN：是否有效、未过期；',
    f.noTls
      ? '  3. 已设 WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true：服务端是否确实未启用 TLS；'
      : '  3. 服务在内网且未启用 TLS 时，需设 WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true；',
    '  4. 微信账号是否已在服务商处扫码登录。',
  ].join('\n')
}

/** Another bot holds the database (its instance lock), as `npm start` tells a second copy. */
export interface LockHolderSeen {
  host: string
  pid: number
  since: Date
  timeZone: string
}

/**
 * A second copy of the bot on the same database refuses at once and names the first, so that the
 * deployer finds it. Example: "另一个督办助手正在使用这个数据库（主机 gov-01，进程 4127，自
 * 2026-12-07 09:30:12 起运行）…".
 */
export function renderInstanceRefusal(holder: LockHolderSeen, databasePath: string): string {
  return [
    `另一个督办助手正在使用这个数据库（${describeHolder(holder)}）：同一个数据库（${databasePath}）同时只能运行一个机器人，否则每条问题会登记两遍、回复发两遍。本进程没有启动。`,
    '如果那个进程已经不在了：它停止后最多 30 秒这把锁自动失效，再启动即可。',
    '如果是要换新版本而不中断：用 npm start -- --takeover 启动新进程，它会等旧进程退出后立刻接替（见 README“不停机更新”）。',
  ].join('\n')
}

/** The waiting process (`--takeover`) says once whom it waits for. */
export function renderInstanceWait(holder: LockHolderSeen): string {
  return `另一个督办助手正在使用这个数据库（${describeHolder(holder)}）：等它退出后立即接替`
}

function describeHolder(h: LockHolderSeen): string {
  return `主机 ${h.host}，进程 ${h.pid}，自 ${localTime(h.since, h.timeZone)} 起运行`
}

/** "2026-12-07 09:30:12" in the bot's timezone. */
function localTime(at: Date, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  )
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']}`
}
