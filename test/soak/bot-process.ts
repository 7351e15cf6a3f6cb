import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { WireHarness } from '../e2e/harness.ts'

const ROOT = join(import.meta.dirname, '../..')

/** The soak's settings: the pacing, every record confirmed (whatever the defaults become). */
export const SEND_INTERVAL_MS = 150

/**
 * The bot as `npm start` runs it, in a process of its own so that it can be killed with SIGKILL,
 * connected to the far side over loopback.
 */
export class BotProcess {
  readonly #child: ChildProcess
  #output = ''
  readonly exited: Promise<number | null>

  private constructor(child: ChildProcess) {
    this.#child = child
    child.stdout!.on('data', (d) => (this.#output += String(d)))
    child.stderr!.on('data', (d) => (this.#output += String(d)))
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
  }

  /** Starts the bot on `databasePath` and resolves once it answers a private message (logged in, listening). */
  static async start(h: WireHarness, databasePath: string, home: string, env: Record<string, string> = {}): Promise<BotProcess> {
    const bot = BotProcess.spawn(h, databasePath, home, env)
    await bot.ready(h)
    return bot
  }

  /** Starts the bot without waiting for anything; `args` after src/main.ts (`--takeover`). */
  static spawn(h: WireHarness, databasePath: string, home: string, env: Record<string, string> = {}, args: string[] = []): BotProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        WECHATY_LOG: 'silent',
        WECHATY_PUPPET_SERVICE_TOKEN: h.token,
        WECHATY_PUPPET_SERVICE_ENDPOINT: h.endpoint,
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
        DATABASE_PATH: databasePath,
        SEND_INTERVAL_MS: String(SEND_INTERVAL_MS),
        BOT_ADMINS: '管理员',
        CONFIRM: 'all',
        WEB_PORT: '0',
        LOGIN_TIMEOUT_SECONDS: '60',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return new BotProcess(child)
  }

  get output(): string {
    return this.#output
  }

  get pid(): number {
    return this.#child.pid!
  }

  /** SIGKILL: no shutdown of any kind, as a power cut or the OOM killer. */
  async kill(): Promise<void> {
    this.#child.kill('SIGKILL')
    await this.exited
  }

  /** SIGTERM: the bot's own clean stop. */
  async stop(): Promise<void> {
    this.term()
    await this.exited
  }

  /** SIGTERM, without waiting for the exit. */
  term(): void {
    this.#child.kill('SIGTERM')
  }

  /** A private message from someone who is no admin always gets a one-line answer: then it listens. */
  async ready(h: WireHarness, timeoutMs = 90_000): Promise<void> {
    const probe = h.contact(`探针${Math.random().toString(36).slice(2, 8)}`)
    const deadline = performance.now() + timeoutMs
    while (performance.now() < deadline) {
      if (this.#child.exitCode !== null) throw new Error(`the bot exited (${this.#child.exitCode}):\n${this.#output}`)
      if (h.puppet.isLoggedIn) {
        h.say(probe, 'bot', 'ping')
        const until = performance.now() + 2_000
        while (performance.now() < until) {
          if (h.saidIn(probe).length > 0) return
          await new Promise((r) => setTimeout(r, 50))
        }
      } else {
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    throw new Error(`the bot did not answer within ${timeoutMs / 1000} s:\n${this.#output}`)
  }
}
