import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const tsx = resolve(root, 'node_modules/.bin/tsx')

function runParse(input: string, ...args: string[]) {
  return spawnSync(tsx, ['src/cli/parse.ts', ...args], { cwd: root, input, encoding: 'utf8' })
}

describe('npm run parse -- --explain', () => {
  it('shows each item and clause with the rule that decided it and the families found, then the records', () => {
    const report = '二、存在问题：1. 施工临时用电还没接入，影响设备调试；2. 项目贷款还卡在银行审批。请各位领导审阅'
    const input = [
      { id: 'w', text: report, sentAt: '2026-03-02T09:00:00+08:00' },
      { id: 'r', text: '收到', sentAt: '2026-03-02T09:01:00+08:00' },
    ]
      .map((m) => JSON.stringify(m))
      .join('\n')
    const result = runParse(input + '\n', '--explain')
    expect(result.status).toBe(0)
    expect(result.stdout).toBe(
      [
        `w ${report}`,
        '  · 条目（问题栏）：施工临时用电还没接入,影响设备调试;',
        '    「施工临时用电还没接入」问题 ← 有困难或诉求（problem） [problem.not-done]',
        '    「影响设备调试」问题 ← 有困难或诉求（problem） [problem.request]',
        '  · 条目（问题栏）：项目贷款还卡在银行审批。',
        '    「项目贷款还卡在银行审批」问题 ← 有困难或诉求（problem） [problem.stuck]',
        '  → 问题：增资扩产和园区建设专班，期限 无',
        '  → 问题：金融工作专班，期限 无',
        '',
        'r 收到',
        '    「收到」—',
        '  → 无记录',
        '',
        '',
      ].join('\n'),
    )
  })
})

describe('npm run parse (src/cli/parse.ts)', () => {
  it('writes one line per message, in order, and nothing else on stdout', () => {
    const input = [
      { id: 'a', text: '主体已完成六成，预计3月底封顶', sentAt: '2026-01-12T17:20:00+08:00' },
      { id: 'b', text: '收到', sentAt: '2026-01-12T17:21:00+08:00' },
      { id: 'c', text: '施工许可证还没批下来', sentAt: '2026-01-12T17:22:00+08:00' },
    ]
      .map((m) => JSON.stringify(m))
      .join('\n')
    const result = runParse(input + '\n')
    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    const out = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; records: Array<{ type: string }> })
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c'])
    expect(out[0]?.records[0]).toMatchObject({ type: 'progress', percent: 60, due: '2026-03-31' })
    expect(out[1]?.records).toEqual([])
    expect(out[2]?.records[0]).toMatchObject({ type: 'issue', category: 'approval' })
  })

  it('names bad lines on stderr, still parses the rest, skips blank lines, and exits 1', () => {
    const input = [
      JSON.stringify({ id: 'a', text: '收到', sentAt: '2026-01-12T17:20:00+08:00' }),
      '{not json',
      '',
      JSON.stringify({ id: 'b', text: '收到' }),
      JSON.stringify({ id: 'c', text: '已开工', sentAt: '2026-01-12T17:20:00+08:00' }),
    ].join('\n')
    const result = runParse(input)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/第 2 行：不是合法的 JSON；已跳过/)
    expect(result.stderr).toMatch(/第 4 行：缺少 "sentAt"/)
    const ids = result.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)
    expect(ids).toEqual(['a', 'c'])
  })

  it('takes a sentAt only as an ISO 8601 time on a real date: not "1" (the year 2001), not 2026-02-30', () => {
    const input = [
      JSON.stringify({ id: 'a', text: '收到', sentAt: '1' }),
      JSON.stringify({ id: 'b', text: '收到', sentAt: '2026-02-30T09:00:00+08:00' }),
      JSON.stringify({ id: 'c', text: '收到', sentAt: '2026-03-02T25:00:00+08:00' }),
      JSON.stringify({ id: 'd', text: '收到', sentAt: '2026-03-02T09:15:00+08:00' }),
      JSON.stringify({ id: 'e', text: '收到', sentAt: '2026-03-02' }),
    ].join('\n')
    const result = runParse(input)
    expect(result.status).toBe(1)
    for (const line of [1, 2, 3]) expect(result.stderr).toContain(`第 ${line} 行：缺少 "sentAt"`)
    const ids = result.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)
    expect(ids).toEqual(['d', 'e'])
  })
})
