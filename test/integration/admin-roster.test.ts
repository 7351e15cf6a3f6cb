import { afterEach, beforeEach, expect, it } from 'vitest'
import { createAdminRoster, type ContactSeen } from '../../src/core/admin-roster.ts'
import { systemClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

let store: TestStore
beforeEach(async () => (store = await openTestStore()))
afterEach(async () => store.close())

it('lists BOT_ADMINS for the jobs as the ids its names were tied to, names still unseen as written, and never a shared name', async () => {
  const contacts: ContactSeen[] = [
    { id: 'wxid_li', name: '李科长' },
    { id: 'wxid_wang1', name: '王主任' },
    { id: 'wxid_wang2', name: '王主任' },
  ]
  const lookup = {
    contactName: async (id: string) => contacts.find((c) => c.id === id)?.name,
    contactsNamed: async (name: string) => contacts.filter((c) => c.name === name),
  }
  const roster = createAdminRoster({ entries: ['李科长', '王主任', '赵处长', 'wxid_sun'], lookup, clock: systemClock, log: silentLogger })
  await roster.resolve(store.db)
  expect(roster.listed().sort()).toEqual(['wxid_li', '赵处长', 'wxid_sun'].sort())
  // Someone else takes the name 李科长: the list does not change, nor does who is an admin.
  contacts.push({ id: 'wxid_fake', name: '李科长' })
  expect(roster.listed()).not.toContain('李科长')
  expect(await roster.isAdmin({ id: 'wxid_fake', name: '李科长' }, store.db)).toBe(false)
  expect(await roster.isAdmin({ id: 'wxid_li', name: '李科长（已改名）' }, store.db)).toBe(true)
})
