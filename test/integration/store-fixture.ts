import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { settingsFromEnv } from '../../src/settings.ts'
import { slaDueDate } from '../../src/domain/sla.ts'
import {
  createProject,
  enqueueOutbox,
  listOutbox,
  migrateToLatest,
  openDatabase,
  type Db,
  type IncomingMessage,
  type NewOutboxItem,
  type OutboxItem,
  type RecallEvent,
} from '../../src/store/index.ts'

/** A migrated database in a fresh temp folder; `close()` removes both. */
export interface TestStore {
  db: Db
  dir: string
  path: string
  close(): Promise<void>
}

/** A fresh database file, migrated unless asked not to (a migration test builds an older schema). */
export async function openTestStore(options: { migrate?: boolean } = {}): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-store-'))
  const path = join(dir, 'data', 'duban.sqlite')
  const db = openDatabase(path)
  if (options.migrate !== false) await migrateToLatest(db)
  return {
    db,
    dir,
    path,
    async close() {
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The default rules, as `npm start` builds them with no settings (the repository's data/teams.json). */
export const rules = settingsFromEnv({}).rules

/** The store's settings (IssueSettings: the time zone and the due-date rule) with the calendar the tests also parse and age with. */
export const settings = {
  calendar: rules.calendar,
  timeZone: rules.timeZone,
  slaWorkingDays: rules.slaWorkingDays,
  dueDate: slaDueDate(rules.calendar, rules.slaWorkingDays),
}

export async function newProject(db: Db, name: string, at = new Date('2026-01-05T00:00:00Z')) {
  return createProject(db, { name, county: '城东区', roomId: `${name}@chatroom`, roomTopic: `【项目】${name}推进群`, at })
}

let counter = 0

/** A message in a project's group; `sentAt` is read as Beijing time when it has no offset. */
export function message(projectId: number, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  counter++
  const sentAt = overrides.sentAt ?? new Date('2026-03-02T09:00:00+08:00')
  return {
    wechatId: `msg-${counter}`,
    projectId,
    roomId: `room-${projectId}@chatroom`,
    sender: { wechatId: 'wxid_zhang', name: '张科长' },
    text: '厂房主体已完成60%',
    sentAt,
    receivedAt: new Date(sentAt.getTime() + 1000),
    ...overrides,
  }
}

/** The recall WeChat reports when the sender of `m` takes it back in its group. */
export function recallOf(m: IncomingMessage): RecallEvent {
  return { wechatId: m.wechatId, roomId: m.roomId, senderWechatId: m.sender.wechatId }
}

/** Queues one outbox item (the defaults: no mentions, no dedupe key, no issue) and returns it as stored. */
export async function queued(db: Db, item: Partial<NewOutboxItem> & Pick<NewOutboxItem, 'target' | 'text' | 'at'>): Promise<OutboxItem> {
  await enqueueOutbox(db, { mentions: [], dedupeKey: null, issueId: null, ...item })
  const row = await db.selectFrom('outbox').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
  return (await listOutboxItem(db, row.id))!
}

async function listOutboxItem(db: Db, id: number): Promise<OutboxItem | undefined> {
  for (const state of ['pending', 'sent', 'failed'] as const) {
    const found = (await listOutbox(db, state)).find((i) => i.id === id)
    if (found) return found
  }
  return undefined
}
