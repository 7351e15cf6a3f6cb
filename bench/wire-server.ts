/**
 * The far side of the wire for `npm run bench -- wire`, in its own process (in production the
 * puppet service runs elsewhere too): a PuppetServer serving a PuppetMock on loopback with the
 * bench's groups. The parent tells it over IPC when to log the bot in and how many messages to say;
 * it says them as fast as it can, the same script for every client.
 *
 * IPC in: { login: true } | { emit: count, from: index }. Out: { endpoint, token } once listening.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { log } from 'wechaty'
import * as PUPPET from 'wechaty-puppet'
import { PuppetServer } from 'wechaty-puppet-service'
import { groupTexts } from './lines.ts'
import { mockProjectGroups } from './mock-groups.ts'

log.level('silent')
// PuppetServer keeps nothing, but the puppets' caches live under HOME: never the user's.
process.env['HOME'] = mkdtempSync(join(tmpdir(), 'duban-bench-wire-home-'))

const groups = Number(process.argv[2] ?? 1000)
const root = process.argv[3] ?? process.cwd()
const texts = groupTexts(root)

const { mocker, puppet, botUser, people, rooms } = mockProjectGroups(groups, 7)

const port = await new Promise<number>((resolve, reject) => {
  const probe = createServer()
  probe.once('error', reject)
  probe.listen(0, '127.0.0.1', () => {
    const address = probe.address()
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
  })
})
const endpoint = `127.0.0.1:${port}`
const token = `insecure_${randomUUID()}`
const server = new PuppetServer({ endpoint, puppet, token, tls: { disable: true } })
await server.start()

process.on('message', (order: { login?: boolean; emit?: number; from?: number; stop?: boolean }) => {
  if (order.login) {
    mocker.login(botUser)
    puppet.emit('ready', { data: 'ready' })
  }
  if (order.emit !== undefined) {
    const from = order.from ?? 0
    for (let i = from; i < from + order.emit; i++) {
      const message = mocker.MessageMock.create({
        id: randomUUID(),
        timestamp: Date.UTC(2026, 2, 2, 1) + i * 1000,
        type: PUPPET.types.Message.Text,
        talkerId: people[i % people.length]!.id,
        roomId: rooms[i % rooms.length]!.id,
        text: texts(i),
        mentionIdList: [],
      })
      puppet.emit('message', { messageId: message.id })
    }
  }
  if (order.stop) void server.stop().then(() => process.exit(0))
})
process.send?.({ endpoint, token })
