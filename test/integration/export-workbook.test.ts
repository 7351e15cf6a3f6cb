import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportLedger } from '../../src/export/export-ledger.ts'
import { EXPECTED_COUNTS, EXPECTED_SHEETS, LEDGER_DAY, buildLedgerCity } from './ledger-fixture.ts'
import { openTestStore, rules, type TestStore } from './store-fixture.ts'

const RED = 'FFFFC7CE'
const YELLOW = 'FFFFEB9C'

let store: TestStore
let path: string
let counts: Awaited<ReturnType<typeof exportLedger>>
const book = new ExcelJS.Workbook()

beforeAll(async () => {
  store = await openTestStore()
  await buildLedgerCity(store.db)
  path = join(store.dir, '台账.xlsx')
  counts = await exportLedger(store.db, path, { today: LEDGER_DAY, rules, overwrite: false })
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
    expect(book.worksheets.map((s) => s.name)).toEqual(['项目台账', '问题台账', '进度记录', '专班汇总'])
    expect(counts).toEqual(EXPECTED_COUNTS)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    // The temp file it was written through is gone.
    expect(readdirSync(store.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it.each(Object.keys(EXPECTED_SHEETS))('%s: a bold header row that stays frozen, an auto-filter over every row, sensible widths', (name) => {
    const s = sheet(name)
    const expected = EXPECTED_SHEETS[name]!
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const lastColumn = s.getRow(1).getCell(expected[0]!.length).address.replace(/\d+$/u, '')
    expect(s.autoFilter).toBe(`A1:${lastColumn}${expected.length}`)
    expect(values(s, 1)).toEqual(expected[0])
    for (let c = 1; c <= expected[0]!.length; c++) {
      expect(s.getRow(1).getCell(c).font?.bold).toBe(true)
      expect(s.getColumn(c).width).toBeGreaterThanOrEqual(6)
    }
    expect(s.rowCount).toBe(expected.length)
  })

  it('writes dates as real dates (the day at UTC midnight) and numbers as numbers', () => {
    const issues = sheet('问题台账')
    const opened = issues.getCell('F2')
    expect(opened.type).toBe(ExcelJS.ValueType.Date)
    expect(opened.value).toEqual(new Date(Date.UTC(2026, 10, 16)))
    expect(opened.numFmt).toBe('yyyy-mm-dd')
    expect(issues.getCell('G2').value).toEqual(new Date(Date.UTC(2026, 10, 25)))
    expect(issues.getCell('L4').value).toEqual(new Date(Date.UTC(2026, 10, 27)))
    expect(issues.getCell('H2').value).toBe(10)
    expect(issues.getCell('N2').value).toBe(2)
    const projects = sheet('项目台账')
    expect(projects.getCell('F2').value).toEqual(new Date(Date.UTC(2025, 4, 5)))
    expect(projects.getCell('S2').type).toBe(ExcelJS.ValueType.Date)
    expect(projects.getCell('K2').value).toBe(60)
    expect(sheet('进度记录').getCell('F2').value).toEqual(new Date(Date.UTC(2026, 11, 31)))
  })

  it('fills an overdue issue red and a near-due one yellow, across the whole row; resolved and green rows stay white', () => {
    const issues = sheet('问题台账')
    const fills = (row: number) => Array.from({ length: 15 }, (_, i) => {
      const fill = issues.getRow(row).getCell(i + 1).fill
      return fill?.type === 'pattern' ? (fill.fgColor?.argb ?? null) : null
    })
    expect(fills(2)).toEqual(Array(15).fill(RED))
    expect(fills(3)).toEqual(Array(15).fill(YELLOW))
    expect(fills(4)).toEqual(Array(15).fill(null))
    expect(fills(5)).toEqual(Array(15).fill(null))
    expect(fills(6)).toEqual(Array(15).fill(RED))
  })

  it('makes a row with a wrapped two-line text two lines tall', () => {
    const issues = sheet('问题台账')
    expect(issues.getRow(4).height).toBe(30) // the resolution text takes two lines of 办结情况
    expect(issues.getRow(3).height).toBeUndefined()
  })

  it('ends the teams summary with a bold 合计 row', () => {
    const teams = sheet('专班汇总')
    expect(values(teams, 10)).toEqual(['合计', 4, 2, 2, 1])
    expect(teams.getCell('A10').font?.bold).toBe(true)
    expect(teams.getCell('A9').font?.bold).not.toBe(true)
  })

  it('holds the ledger\'s values, cell for cell', () => {
    for (const [name, rows] of Object.entries(EXPECTED_SHEETS)) {
      const s = sheet(name)
      rows.slice(1).forEach((expected, i) => {
        const shown = values(s, i + 2).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v)))
        expect(shown, `${name} row ${i + 2}`).toEqual(expected)
      })
    }
  })
})
