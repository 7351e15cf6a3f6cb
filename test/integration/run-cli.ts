import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * `npm run <script> -- …args` as a deployer runs it (src/cli/<script>.ts in a process of its own),
 * against the database at `databasePath` and with nothing else of the tests' environment.
 */
export function runCli(script: 'digest' | 'backup' | 'export', args: string[], databasePath: string): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
      cwd: root,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], DATABASE_PATH: databasePath },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}
