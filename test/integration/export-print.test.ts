import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportLedger } from '../../src/export/export-ledger.ts'
import type { Category } from '../../src/parse/types.ts'
import { openIssue, resolveIssue, type Db } from '../../src/store/index.ts'
import { LEDGER_DAY, LEDGER_RULES, LEDGER_TIME, buildLedgerCity } from './ledger-fixture.ts'
import { LIBREOFFICE_HINT, POPPLER_HINT, findProgram, findSoffice, pageSizes, pageText, printToPdf, textSizes, wordBoxes, type WordBox } from './libreoffice.ts'
import { openTestStore, settings, type TestStore } from './store-fixture.ts'

// The 台账 as it comes out of a printer: LibreOffice prints it to PDF and poppler reads the PDF.
// Without them a developer's run skips this with one line; CI sets REQUIRE_LIBREOFFICE=1 and fails.
const soffice = findSoffice()
const poppler = findProgram('pdftotext') !== undefined && findProgram('pdfinfo') !== undefined
const required = process.env['REQUIRE_LIBREOFFICE'] === '1'
if ((!soffice || !poppler) && !required) console.warn(`跳过台账打印测试：需要 soffice 与 pdftotext。安装方法：${LIBREOFFICE_HINT} poppler-utils`)

const CATEGORIES: Category[] = ['land', 'finance', 'approval', 'labour', 'safety', 'infrastructure', 'environment', 'other']

/**
 * Enough issues for the 问题台账 to run over several pages, with summaries as long as the parser
 * keeps (120 characters) and closes explained at length: rows of many wrapped lines.
 */
async function addManyIssues(db: Db): Promise<void> {
  const project = await db.selectFrom('projects').select('id').where('name', '=', '新材料').executeTakeFirstOrThrow()
  for (let k = 0; k < 60; k++) {
    const long = k % 3 === 0
    const summary = long
      ? `第${k}项：二期厂房东侧施工便道占用村集体土地约十二亩，青苗补偿标准与村民诉求差距较大，涉及两户村民至今不肯签字，镇里协调三次未果，影响桩基进场和雨季前的土方外运，请土地专班牵头协调`.slice(0, 120)
      : `第${k}项：施工许可证还没批下来`
    const at = new Date(`2026-11-${String(2 + (k % 25)).padStart(2, '0')}T10:00:00+08:00`)
    const issue = await openIssue(db, { projectId: project.id, messageId: null, command: 'report', actorId: null, at }, { category: CATEGORIES[k % 8]!, due: null, summary }, settings)
    if (k % 4 === 1) {
      const text = '已由自然资源局、镇政府和村委会三方现场办公协调，补偿款已于当日足额发放到户，施工便道已恢复通行，后续由镇里跟踪'
      await resolveIssue(db, { issueId: issue.id, text, command: 'resolve', actorId: null, messageId: null, at: new Date(at.getTime() + 86_400_000) }, settings.timeZone)
    }
  }
}

/** Two boxes drawn over each other by more than a hair (rounding, a glyph's overhang). */
function overlap(a: WordBox, b: WordBox): boolean {
  const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin)
  const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin)
  return x > 0.5 && y > 0.5
}

describe.skipIf((!soffice || !poppler) && !required)('the 台账 printed through LibreOffice', () => {
  let store: TestStore
  let out: string
  let pdf: string

  beforeAll(async () => {
    if (!soffice || !poppler) throw new Error(`REQUIRE_LIBREOFFICE=1 but soffice or pdftotext is not on PATH; install them: ${LIBREOFFICE_HINT} / ${POPPLER_HINT}`)
    store = await openTestStore()
    await buildLedgerCity(store.db)
    await addManyIssues(store.db)
    out = mkdtempSync(join(tmpdir(), 'duban-print-'))
    const xlsx = join(out, '督办台账-2026-11-30.xlsx')
    await exportLedger(store.db, xlsx, { today: LEDGER_DAY, time: LEDGER_TIME, rules: LEDGER_RULES, overwrite: false })
    pdf = await printToPdf(soffice, xlsx, out)
  }, 180_000)

  afterAll(async () => {
    await store?.close()
    if (out) rmSync(out, { recursive: true, force: true })
  })

  it('prints every page on A4 landscape', () => {
    const sizes = pageSizes(pdf)
    expect(sizes.length).toBeGreaterThanOrEqual(5)
    for (const [width, height] of sizes) {
      expect(width).toBeCloseTo(841.89, 0)
      expect(height).toBeCloseTo(595.3, 0)
    }
  })

  it('prints no text smaller than 9 pt', () => {
    const sizes = textSizes(pdf)
    expect(sizes.length).toBeGreaterThan(1000)
    // 8.995: LibreOffice writes 9 pt as that.
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8.99)
  })

  it('heads every page with the title and the header row, and numbers the pages', () => {
    const pages = pageSizes(pdf).map((_, i) => pageText(pdf, i + 1))
    const sheets = pages.map((text) => /临江市督办台账 · (\S+)（截至2026年11月30日 15:20）/u.exec(text)?.[1])
    expect(sheets.every((s) => s !== undefined), JSON.stringify(sheets)).toBe(true)
    // The 问题台账 runs over pages: every one of them repeats the header.
    expect(sheets.filter((s) => s === '问题台账').length).toBeGreaterThanOrEqual(2)
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toMatch(/序号/u)
      expect(text, `page ${i + 1}`).toMatch(/第 \d+ 页，共 \d+ 页/u)
      if (sheets[i] === '问题台账') expect(text, `page ${i + 1}`).toMatch(/项目名称\s+编号\s+专班\s+问题/u)
    })
    // No number too wide for its column (LibreOffice prints ### instead).
    expect(pages.join('\n')).not.toMatch(/###/u)
  })

  it('draws no text over other text: wrapped rows are as tall as their lines', () => {
    const boxes = wordBoxes(pdf)
    const clashes: string[] = []
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length && boxes[j]!.page === boxes[i]!.page; j++) {
        if (overlap(boxes[i]!, boxes[j]!)) clashes.push(`p${boxes[i]!.page}: ${boxes[i]!.text} / ${boxes[j]!.text}`)
      }
    }
    expect(clashes).toEqual([])
  })
})
