import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportLedger } from '../../src/export/export-ledger.ts'
import { EXPECTED_COUNTS, EXPECTED_SHEETS, LEDGER_DAY, LEDGER_RULES, LEDGER_TIME, buildLedgerCity } from './ledger-fixture.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

const RED = 'FFFFC7CE'
const YELLOW = 'FFFFEB9C'
const BLUE = 'FFDDEBF7'

let store: TestStore
let path: string
let counts: Awaited<ReturnType<typeof exportLedger>>
const book = new ExcelJS.Workbook()

beforeAll(async () => {
  store = await openTestStore()
  await buildLedgerCity(store.db)
  path = join(store.dir, '台账.xlsx')
  counts = await exportLedger(store.db, path, { today: LEDGER_DAY, time: LEDGER_TIME, rules: LEDGER_RULES, overwrite: false })
  await book.xlsx.readFile(path)
})

afterAll(async () => store?.close())

const sheet = (name: string) => {
  const s = book.getWorksheet(name)
  if (!s) throw new Error(`no sheet ${name}`)
  return s
}

/** A row's cells as written, column by column (exceljs' rows start at index 1). */
const values = (s: ExcelJS.Worksheet, row: number) =>
  Array.from({ length: s.columnCount }, (_, i) => s.getRow(row).getCell(i + 1).value)

describe('the 台账 workbook read back by exceljs', () => {
  it('has the four sheets in order, counted as the reply says, written for its owner only', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['项目台账', '问题台账', '进度记录', '专班汇总', '周通报'])
    expect(counts).toEqual(EXPECTED_COUNTS)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    // The temp file it was written through is gone.
    expect(readdirSync(store.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it.each(Object.keys(EXPECTED_SHEETS))('%s: a title row across, a bold header row, both frozen and printed on every page, an auto-filter over every row', (name) => {
    const s = sheet(name)
    const expected = EXPECTED_SHEETS[name]!
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    const lastColumn = s.getRow(2).getCell(expected[1]!.length).address.replace(/\d+$/u, '')
    expect(s.getCell('A1').value).toBe(expected[0]![0])
    expect(s.getCell('A1').font?.size).toBe(14)
    expect(s.model.merges).toEqual([`A1:${lastColumn}1`])
    expect(s.autoFilter).toBe(`A2:${lastColumn}${expected.length}`)
    expect(values(s, 2)).toEqual(expected[1])
    for (let c = 1; c <= expected[1]!.length; c++) {
      expect(s.getRow(2).getCell(c).font?.bold).toBe(true)
      expect(s.getColumn(c).width).toBeGreaterThanOrEqual(4)
    }
    expect(s.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' })
    expect(s.headerFooter.oddFooter).toMatch(/&P.*&N/u)
    expect(s.rowCount).toBe(expected.length)
  })

  it('writes dates as real dates (the day at UTC midnight) and numbers as numbers', () => {
    const issues = sheet('问题台账')
    const opened = issues.getCell('G3')
    expect(opened.type).toBe(ExcelJS.ValueType.Date)
    expect(opened.value).toEqual(new Date(Date.UTC(2026, 10, 16)))
    expect(opened.numFmt).toBe('yyyy-mm-dd')
    expect(issues.getCell('H3').value).toEqual(new Date(Date.UTC(2026, 10, 25)))
    expect(issues.getCell('M5').value).toEqual(new Date(Date.UTC(2026, 10, 27)))
    expect(issues.getCell('I3').value).toBe(10)
    expect(issues.getCell('O3').value).toBe(2)
    expect(issues.getCell('A3').value).toBe(1)
    const projects = sheet('项目台账')
    expect(projects.getCell('F3').value).toEqual(new Date(Date.UTC(2025, 4, 5)))
    expect(projects.getCell('R3').type).toBe(ExcelJS.ValueType.Date)
    expect(projects.getCell('K3').value).toBe(60)
    expect(sheet('进度记录').getCell('G3').value).toEqual(new Date(Date.UTC(2026, 11, 31)))
  })

  it('fills as a 督办单 does, across the whole row: 严重超期 red, overdue yellow, near due blue; resolved and green rows stay white', () => {
    const issues = sheet('问题台账')
    const fills = (row: number) => Array.from({ length: 16 }, (_, i) => {
      const fill = issues.getRow(row).getCell(i + 1).fill
      return fill?.type === 'pattern' ? (fill.fgColor?.argb ?? null) : null
    })
    // Due 11月25日: 3 working days late on 11月30日.
    expect(fills(3)).toEqual(Array(16).fill(YELLOW))
    expect(fills(4)).toEqual(Array(16).fill(BLUE))
    expect(fills(5)).toEqual(Array(16).fill(null))
    expect(fills(6)).toEqual(Array(16).fill(null))
    // Due 10月21日: 严重超期.
    expect(fills(7)).toEqual(Array(16).fill(RED))
  })

  it('makes a row with wrapped text as tall as its lines, 16 points a line and 3 for the margins', () => {
    const issues = sheet('问题台账')
    // 办结情况 (15 wide): '已协调自然资源局办结（见"11·27会议纪要", 第3条）' is 50 units, 4 lines.
    expect(issues.getRow(5).height).toBe(4 * 16 + 3)
    // 专班 (10 wide): 增资扩产和园区建设专班 is 11 characters, 22 units: 3 lines, more than the
    // problem's 2 (施工用电还没接入，供电局说要等电力设施迁改 in 22).
    expect(issues.getRow(3).height).toBe(3 * 16 + 3)
    // 土地工作专班, 用工保障专班: 6 characters, 2 lines.
    expect(issues.getRow(6).height).toBe(2 * 16 + 3)
  })

  it('ends the teams summary with a bold 合计 row', () => {
    const teams = sheet('专班汇总')
    expect(values(teams, 11)).toEqual([null, '合计', 4, 2, 2, 1])
    expect(teams.getCell('B11').font?.bold).toBe(true)
    expect(teams.getCell('B10').font?.bold).not.toBe(true)
    expect(teams.getCell('A10').value).toBe(8)
  })

  it('holds the ledger\'s values, cell for cell', () => {
    for (const [name, rows] of Object.entries(EXPECTED_SHEETS)) {
      const s = sheet(name)
      rows.slice(2).forEach((expected, i) => {
        const shown = values(s, i + 3).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v)))
        expect(shown, `${name} row ${i + 3}`).toEqual(expected)
      })
    }
  })
})
