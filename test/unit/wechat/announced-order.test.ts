import { describe, expect, it } from 'vitest'
import { AnnouncedOrder } from '../../../src/wechat/announced-order.ts'

function line() {
  const out: string[] = []
  const order = new AnnouncedOrder<string>((m) => out.push(m), 10_000)
  return { order, out }
}

describe('messages reach the inbox in the order the service announced them', () => {
  it('a new group’s first message, loaded last, still goes first', () => {
    const { order, out } = line()
    order.announce('a1') // 【项目】新群: 燃气管道还没接 (its group still loading)
    order.announce('b1') // a known group
    order.announce('a2') // 新群: 已解决
    order.arrived('b1', 'b1')
    order.arrived('a2', 'a2')
    expect(out).toEqual([])
    order.arrived('a1', 'a1')
    expect(out).toEqual(['a1', 'b1', 'a2'])
  })

  it('the bot’s own message and one Wechaty lost do not hold the line; the lost one comes through when found again', () => {
    const { order, out } = line()
    for (const id of ['m1', 'own', 'lost', 'm2']) order.announce(id)
    order.arrived('m2', 'm2')
    order.gone('own')
    order.arrived('m1', 'm1')
    expect(out).toEqual(['m1'])
    order.gone('lost')
    expect(out).toEqual(['m1', 'm2'])
    order.arrived('lost', 'lost')
    expect(out).toEqual(['m1', 'm2', 'lost'])
  })

  it('one that never comes loses its place after the hold, and the rest go on', async () => {
    const out: string[] = []
    const order = new AnnouncedOrder<string>((m) => out.push(m), 30)
    order.announce('silent')
    order.announce('next')
    order.arrived('next', 'next')
    order.arrived('unannounced', 'fetched again')
    expect(out).toEqual(['fetched again'])
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(out).toEqual(['fetched again', 'next'])
    order.arrived('silent', 'silent')
    expect(out).toEqual(['fetched again', 'next', 'silent'])
  })

  it('keeps order across a long burst', () => {
    const { order, out } = line()
    const ids = Array.from({ length: 5_000 }, (_, i) => `m${i}`)
    for (const id of ids) order.announce(id)
    for (const id of [...ids].reverse()) order.arrived(id, id)
    expect(out).toEqual(ids)
  })
})
