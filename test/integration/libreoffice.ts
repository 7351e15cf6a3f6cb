import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, delimiter, join } from 'node:path'

/** How to get the independent reader, said once when its test is skipped. */
export const LIBREOFFICE_HINT = 'apt-get install -y --no-install-recommends libreoffice-calc-nogui fonts-noto-cjk'

/** LibreOffice's command-line program on PATH, if installed. */
export function findSoffice(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, 'soffice')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this folder
    }
  }
  return undefined
}

/**
 * Every sheet of a workbook as LibreOffice reads and displays it (dates formatted, numbers as
 * shown), converted headless to CSV: UTF-8 (76), comma-separated, quoted text, one file per sheet
 * (the last -1), named `<basename>-<sheet>.csv`. A fresh profile in a temp HOME each time, so runs
 * never share or wait on one. soffice exits 0 even when it failed, so the files are checked.
 */
export async function sheetsAsLibreOfficeReadsThem(soffice: string, xlsx: string, sheetNames: readonly string[]): Promise<Map<string, string[][]>> {
  const home = mkdtempSync(join(tmpdir(), 'duban-lo-'))
  try {
    const out = join(home, 'out')
    const args = [
        '--headless',
        `-env:UserInstallation=file://${home}/lo-profile`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        out,
      xlsx,
    ]
    await new Promise<void>((done, fail) =>
      execFile(soffice, args, { env: { ...process.env, HOME: home }, timeout: 60_000 }, (error) => (error ? fail(error) : done())),
    )
    const stem = basename(xlsx).replace(/\.xlsx$/u, '')
    const sheets = new Map<string, string[][]>()
    for (const name of sheetNames) {
      const csv = join(out, `${stem}-${name}.csv`)
      if (!existsSync(csv)) throw new Error(`LibreOffice wrote no ${csv}: the conversion failed`)
      sheets.set(name, parseCsv(readFileSync(csv, 'utf8')))
    }
    return sheets
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
