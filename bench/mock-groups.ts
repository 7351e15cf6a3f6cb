import { randomUUID } from 'node:crypto'
import { PuppetMock, mock } from 'wechaty-puppet-mock'

/**
 * The benches' WeChat: a PuppetMock with `groups` project groups (【项目】项目N推进群), each holding
 * the bot and the same `members` people, 成员0 their owner.
 */
export function mockProjectGroups(groups: number, members: number) {
  const mocker = new mock.Mocker()
  const puppet = new PuppetMock({ mocker })
  const botUser = mocker.createContact({ name: '督办助手' })
  const people = Array.from({ length: members }, (_, i) => mocker.createContact({ name: `成员${i}` }))
  const rooms = Array.from({ length: groups }, (_, i) =>
    mocker.createRoom({
      id: `${randomUUID()}@chatroom`,
      topic: `【项目】项目${i}推进群`,
      memberIdList: [botUser.id, ...people.map((p) => p.id)],
      ownerId: people[0]!.id,
    }),
  )
  return { mocker, puppet, botUser, people, rooms }
}
