import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LedgerProject } from '../../src/store/index.ts'

const root = resolve(import.meta.dirname, '../..')
const tsx = resolve(root, 'node_modules/.bin/tsx')
const ROOM = '【项目】润禾食品项目推进群'

function replay(lines: string[]) {
  const result = spawnSync(tsx, ['src/cli/replay.ts'], { cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8' })
  return { ...result, ledger: result.stdout ? (JSON.parse(result.stdout) as { projects: LedgerProject[] }) : undefined }
}

const say = (id: string, sender: string, text: string, sentAt: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ id, room: ROOM, sender, text, sentAt, ...extra })

describe('npm run replay (src/cli/replay.ts)', () => {
  it('prints the ledger a conversation leaves: issues with their follow-ups and closer, progress, the stage', () => {
    const { status, stderr, ledger } = replay([
      say('r1', '张工', '项目今天正式开工，桩基完成两成', '2026-03-02T09:00:00+08:00'),
      say('r2', '张工', '施工临时用电还没接入，现在靠发电机，请供电局尽快接入', '2026-03-02T10:00:00+08:00'),
      say('r3', '林工', '收到，箱变已经到货，预计下周二能送电', '2026-03-03T10:00:00+08:00'),
      say('r4', '张工', '用电的事还没落实，发电机一天光柴油就两千多', '2026-03-05T10:00:00+08:00'),
      say('r5', '张工', '临时用电已经接通了，谢谢林工', '2026-03-10T16:00:00+08:00'),
      say('r6', '李四', '好的收到', '2026-03-10T16:05:00+08:00'),
      JSON.stringify({ id: 'r7', room: ROOM, sender: '李四', recall: 'r6', sentAt: '2026-03-10T16:06:00+08:00' }),
    ])
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(ledger?.projects).toEqual([
      {
        room: ROOM,
        name: '润禾食品项目',
        stage: 'construction',
        // Due after 7 working days (03-11), moved by 林工's answer to its date ("预计下周二能送电": 03-10).
        issues: [{ number: 1, category: 'infrastructure', status: 'resolved', due: '2026-03-10', messages: ['r2', 'r3', 'r4'], resolvedBy: 'r5' }],
        progress: [{ message: 'r1', stage: 'construction', percent: 20, due: null }],
      },
    ])
  })

  it('names bad lines on stderr by their number, replays the rest, and exits 1', () => {
    const { status, stderr, ledger } = replay([
      say('b1', '张工', '主体结构完成60%', '2026-03-02T09:00:00+08:00'),
      '{ not json',
      JSON.stringify({ id: 'b3', room: ROOM, text: '缺发言人', sentAt: '2026-03-02T09:10:00+08:00' }),
      say('b4', '张工', '引用了不存在的消息', '2026-03-02T09:20:00+08:00', { quote: 'nope' }),
      JSON.stringify({ id: 'b5', room: ROOM, sender: '李四', recall: 'b1', sentAt: '2026-03-02T09:30:00+08:00' }),
    ])
    expect(status).toBe(1)
    expect(stderr).toMatch(/第 2 行：不是合法的 JSON；已跳过/)
    expect(stderr).toMatch(/第 3 行：缺少 "sender"/)
    expect(stderr).toMatch(/第 4 行："quote" 必须是同一群里之前的一条消息/)
    expect(stderr).toMatch(/第 5 行："recall" 必须是同一群里同一发言人之前的一条消息/)
    expect(ledger?.projects[0]?.progress).toEqual([{ message: 'b1', stage: null, percent: 60, due: null }])
  })
})
