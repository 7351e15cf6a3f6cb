import { execFile, execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { basename, delimiter, join } from 'node:path'

/** How to get the independent reader, said once when its test is skipped. */
export const LIBREOFFICE_HINT = 'apt-get install -y --no-install-recommends libreoffice-calc-nogui fonts-noto-cjk'

/** How to get poppler's PDF tools, which read what LibreOffice printed. */
export const POPPLER_HINT = 'apt-get install -y --no-install-recommends poppler-utils'

/** LibreOffice's command-line program on PATH, if installed. */
export function findSoffice(): string | undefined {
  return findProgram('soffice')
}

/** A program on PATH, if installed. */
export function findProgram(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, name)
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

/**
 * Prints a workbook as LibreOffice prints it: headless to PDF, every sheet with its own page
 * setup, in a fresh profile and HOME. Returns the PDF's path in `outDir`.
 */
export async function printToPdf(soffice: string, xlsx: string, outDir: string): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'duban-lo-'))
  try {
    const args = ['--headless', `-env:UserInstallation=file://${home}/lo-profile`, '--convert-to', 'pdf', '--outdir', outDir, xlsx]
    await new Promise<void>((done, fail) =>
      execFile(soffice, args, { env: { ...process.env, HOME: home }, timeout: 120_000 }, (error) => (error ? fail(error) : done())),
    )
    const pdf = join(outDir, basename(xlsx).replace(/\.xlsx$/u, '.pdf'))
    if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no ${pdf}: the conversion failed`)
    return pdf
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** Every page's size in points, by poppler's pdfinfo: [[841.89, 595.304], …] for A4 landscape. */
export function pageSizes(pdf: string): [number, number][] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', pdf], { encoding: 'utf8' })
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gmu)].map((m) => [Number(m[1]), Number(m[2])])
}

/** One page's text, by poppler's pdftotext. */
export function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' })
}

export interface WordBox {
  page: number
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

/** Every word's box on every page, by poppler's pdftotext -bbox. */
export function wordBoxes(pdf: string): WordBox[] {
  const xhtml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const boxes: WordBox[] = []
  let page = 0
  for (const m of xhtml.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/gu)) {
    if (m[0] === '<page ') page++
    else boxes.push({ page, text: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) })
  }
  return boxes
}

/**
 * The size, in points, of every run of text the PDF draws: each content stream inflated, each
 * `Tf` (font and size) read, times the text matrix's scale when a `Tm` sets one. LibreOffice
 * writes a page shrunk to fit as text of a smaller size, not as a scaled page; a page-scaling
 * `cm` would make these sizes wrong, so one is refused rather than read past.
 */
export function textSizes(pdf: string): number[] {
  const bytes = readFileSync(pdf)
  const sizes: number[] = []
  const latin = bytes.toString('latin1')
  for (const m of latin.matchAll(/stream\r?\n/gu)) {
    const start = m.index + m[0].length
    const end = latin.indexOf('endstream', start)
    let content: string
    try {
      content = inflateSync(bytes.subarray(start, end)).toString('latin1')
    } catch {
      continue // not a compressed content stream (an image, a font)
    }
    let scale = 1
    for (const op of content.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) -?[\d.]+ -?[\d.]+ (cm|Tm)|([\d.]+) Tf|\bBT\b/gu)) {
      if (op[0] === 'BT') scale = 1
      else if (op[6] !== undefined) sizes.push(Number(op[6]) * scale)
      else {
        const [a, b, c, d] = [op[1], op[2], op[3], op[4]].map(Number) as [number, number, number, number]
        const factor = Math.sqrt(Math.abs(a * d - b * c))
        if (op[5] === 'Tm') scale = factor
        else if (Math.abs(factor - 1) > 1e-3) throw new Error(`${pdf}: a content stream scales by ${factor} (cm); text sizes cannot be read as printed`)
      }
    }
  }
  return sizes
}
