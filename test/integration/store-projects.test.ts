import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  bindProjectRoom,
  createProject,
  findProjectByName,
  findProjectByRoomId,
  findProjectByTopic,
  listProjects,
  setProjectMuted,
  unbindProjectRoom,
} from '../../src/store/index.ts'
import { newProject, openTestStore, type TestStore } from './store-fixture.ts'

describe('projects', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())
  const at = new Date('2026-03-02T01:00:00Z')

  it('re-binds a group found under a new id by its topic, without a second project', async () => {
    const p = await createProject(store.db, { name: '宏达电子', roomId: 'old@chatroom', roomTopic: '【项目】宏达电子推进群', at })
    const found = await findProjectByTopic(store.db, '【项目】宏达电子推进群')
    expect(found?.id).toBe(p.id)
    await bindProjectRoom(store.db, p.id, 'new@chatroom', '【项目】宏达电子推进群')
    expect(await findProjectByRoomId(store.db, 'old@chatroom')).toBeNull()
    expect((await findProjectByRoomId(store.db, 'new@chatroom'))?.id).toBe(p.id)
    expect(await listProjects(store.db)).toHaveLength(1)
  })

  it('keeps one group per project and one project per name', async () => {
    await createProject(store.db, { name: '甲', roomId: 'r@chatroom', at })
    await expect(createProject(store.db, { name: '乙', roomId: 'r@chatroom', at })).rejects.toThrow(/UNIQUE/)
    await expect(createProject(store.db, { name: '甲', at })).rejects.toThrow(/UNIQUE/)
  })

  it('unbinds and mutes, keeping the project', async () => {
    const p = await newProject(store.db, '宏达电子')
    await setProjectMuted(store.db, p.id, true)
    await unbindProjectRoom(store.db, p.id)
    const after = await findProjectByName(store.db, '宏达电子')
    expect([after?.id, after?.muted, after?.roomId, after?.roomTopic]).toEqual([p.id, true, null, '【项目】宏达电子推进群'])
    expect(await listProjects(store.db)).toHaveLength(1)
  })
})
