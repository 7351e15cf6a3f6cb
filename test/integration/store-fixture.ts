import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { createProject, migrateToLatest, openDatabase, type Db, type IncomingMessage, type IssueSettings } from '../../src/store/index.ts'

/** A migrated database in a fresh temp folder; `close()` removes both. */
export interface TestStore {
  db: Db
  dir: string
  path: string
  close(): Promise<void>
}

export async function openTestStore(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-store-'))
  const path = join(dir, 'data', 'duban.sqlite')
  const db = openDatabase(path)
  await migrateToLatest(db)
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

export const settings: IssueSettings = { calendar: loadCalendar(), timeZone: 'Asia/Shanghai', slaWorkingDays: 7 }

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
