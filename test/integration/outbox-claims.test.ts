import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { enqueueOutbox, listOutbox } from '../../src/store/index.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

let store: TestStore
beforeEach(async () => (store = await openTestStore()))
afterEach(async () => store.close())

/** One claim-worker.ts process: the ids it took. */
function sender(owner: string, rooms: string[]): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'claim-worker.ts'), store.path, owner, ...rooms], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += String(d)))
  child.stderr.on('data', (d) => (err += String(d)))
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(err)))))
}

it('two senders in two processes on one database never take the same outbox item', async () => {
  const rooms = ['r1@chatroom', 'r2@chatroom', 'r3@chatroom']
  const at = new Date(Date.now() - 1_000)
  for (let k = 0; k < 300; k++) {
    await enqueueOutbox(store.db, { target: { kind: 'room', id: rooms[k % 3]! }, text: `确认 ${k}`, mentions: [], dedupeKey: null, issueId: null, at })
  }
  const [a, b] = await Promise.all([sender('sender-a', rooms), sender('sender-b', [...rooms].reverse())])
  // Both did work, nothing was taken twice, and everything went.
  expect(a.length).toBeGreaterThan(0)
  expect(b.length).toBeGreaterThan(0)
  expect(a.filter((id) => b.includes(id))).toEqual([])
  expect(new Set([...a, ...b]).size).toBe(300)
  expect(await listOutbox(store.db, 'pending')).toEqual([])
}, 60_000)
