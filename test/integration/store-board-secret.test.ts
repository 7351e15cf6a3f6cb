import { afterEach, expect, it } from 'vitest'
import { getOrCreateBoardSecret, openDatabase } from '../../src/store/index.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

let store: TestStore
afterEach(async () => store?.close())

it('makes the board secret once and keeps it, for every connection', async () => {
  store = await openTestStore()
  const secret = await getOrCreateBoardSecret(store.db, new Date('2026-12-01T00:00:00Z'))
  expect(secret).toMatch(/^[\w-]{43}$/)
  expect(await getOrCreateBoardSecret(store.db, new Date())).toBe(secret)
  const other = openDatabase(store.path)
  expect(await getOrCreateBoardSecret(other, new Date())).toBe(secret)
  await other.destroy()
})
