import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportLedger } from '../../src/export/export-ledger.ts'
import { EXPECTED_SHEETS, LEDGER_DAY, LEDGER_RULES, LEDGER_TIME, buildLedgerCity } from './ledger-fixture.ts'
import { LIBREOFFICE_HINT, findSoffice, sheetsAsLibreOfficeReadsThem } from './libreoffice.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

// A second, independent reader: what LibreOffice shows must be the ledger, cell for cell. Without
// LibreOffice a developer's run skips this with one line; CI sets REQUIRE_LIBREOFFICE=1 and fails.
const soffice = findSoffice()
const required = process.env['REQUIRE_LIBREOFFICE'] === '1'
if (!soffice && !required) console.warn(`跳过 LibreOffice 读回测试：未安装 soffice。安装方法：${LIBREOFFICE_HINT}`)

describe.skipIf(!soffice && !required)('the 台账 as LibreOffice reads it', () => {
  let store: TestStore
  let path: string

  beforeAll(async () => {
    store = await openTestStore()
    await buildLedgerCity(store.db)
    path = join(store.dir, '督办台账-2026-11-30.xlsx')
    await exportLedger(store.db, path, { today: LEDGER_DAY, time: LEDGER_TIME, rules: LEDGER_RULES, overwrite: false })
  })

  afterAll(async () => store?.close())

  it('shows every sheet as the ledger has it: headers, texts, numbers, dates as dates', async () => {
    if (!soffice) throw new Error(`REQUIRE_LIBREOFFICE=1 but soffice is not on PATH; install it: ${LIBREOFFICE_HINT}`)
    const sheets = await sheetsAsLibreOfficeReadsThem(soffice, path, Object.keys(EXPECTED_SHEETS))
    for (const [name, expected] of Object.entries(EXPECTED_SHEETS)) expect(sheets.get(name), name).toEqual(expected)
  })
})
