import { once, type EventEmitter } from 'node:events'
import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type ExcelJS from 'exceljs'
import { parts } from '../calendar/local-date.ts'
import { headerLines, SERIAL_COLUMN, sheetRow, wrappedLines, type CellValue, type ColumnKind, type RowFill, type SheetSpec } from '../text/sheet-spec.ts'

/** Excel's own light red ("bad"), light yellow ("neutral") and light blue: 严重超期, 超期, 临期. */
const FILL_ARGB: Record<RowFill, string> = { red: 'FFFFC7CE', yellow: 'FFFFEB9C', blue: 'FFDDEBF7' }
const HEADER_ARGB = 'FFD9D9D9'
/** The workbook's own font (exceljs': Calibri 11), bold: a font without a name is drawn in a serif one. */
const BOLD_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: 11, bold: true }
const TITLE_FONT: Partial<ExcelJS.Font> = { ...BOLD_FONT, size: 14 }
const TITLE_POINTS = 24
const DATE_FORMAT = 'yyyy-mm-dd'
/**
 * Every row's own style, one object for all: exceljs looks each row's style up too, and a fresh
 * empty one per row is a lookup it cannot skip (a tenth of the export's time).
 */
const ROW_STYLE: Partial<ExcelJS.Style> = {}
/**
 * One line of 11-point text, in points: a wrapped row is this times its lines, and a little for
 * the cell's margins. Chinese is drawn in a CJK font (Noto Sans CJK, 宋体), whose lines are
 * taller than Calibri's 15: 16 at 11 points.
 */
const LINE_POINTS = 16
const ROW_MARGIN_POINTS = 3
/** The title row, then the header: both frozen on screen and printed atop every page. */
const TITLE_ROW = 1
const HEADER_ROW = 2
/**
 * A4 landscape, every column on one page's width, the title and header rows on every page, and
 * page numbers. Narrow side margins (inches) leave the columns more room; see PRINTABLE_WIDTH_UNITS.
 */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
  margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.55, header: 0.2, footer: 0.25 },
}
/**
 * "第 1 页，共 3 页", centred, in 12 points: the footer shrinks with the page, to 10 at the
 * narrowest (Excel's header codes: &C centre, &12 the size, &P the page, &N the pages).
 */
const FOOTER = '&C&12第 &P 页，共 &N 页'
/** How often a sheet looks whether the compressor keeps up (and whether to stop). */
const ROWS_PER_CHECK = 100
/** How much of a sheet's XML may wait for the compressor before the rows pause for it. */
const MAX_PENDING_BYTES = 256 * 1024
/** exceljs' StreamBuf holds what no compressor has taken yet in buffers of this size. */
const STREAM_BUF_BYTES = 65_536

type Worksheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>
type Style = Partial<ExcelJS.Style>

/**
 * exceljs' streaming writer, the same class as `ExcelJS.stream.xlsx.WorkbookWriter`, loaded alone:
 * the package's entry also loads its readers, CSV and the in-memory workbook, 11 MiB of resident
 * memory an export never uses.
 */
const WorkbookWriter = createRequire(import.meta.url)('exceljs/lib/stream/xlsx/workbook-writer.js') as typeof ExcelJS.stream.xlsx.WorkbookWriter

/** What #compressorCaughtUp reads of an exceljs sheet's output (see there). */
interface SheetStream {
  buffers: unknown[]
  pipes: (EventEmitter & { _writableState: { length: number; needDrain: boolean } })[]
}

/** Why a write stops early: an abort asked for, or the output's error. */
interface Stop {
  signal: AbortSignal | undefined
  error: Error | undefined
}

/**
 * A workbook written as a stream with exceljs: sheet by sheet, row by row, each row on its way to
 * the file as soon as it is made. Every sheet gets a title row, a bold, shaded header row, both
 * frozen and printed on every page, 序号, an auto-filter over its rows, its columns' widths, rows
 * as tall as their wrapped text, real date cells, and an A4 landscape print setup.
 */
export class XlsxBook {
  readonly #book: ExcelJS.stream.xlsx.WorkbookWriter
  readonly #stop: Stop
  /** Rejects when the output fails (a full disk): exceljs would otherwise wait for it forever. */
  readonly #failed: Promise<never>

  /** `signal` stops a long write between rows (the command line's Ctrl+C). */
  constructor(out: Writable, signal?: AbortSignal) {
    this.#book = new WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    const stop: Stop = { signal, error: undefined }
    this.#failed = new Promise<never>((_, reject) =>
      out.once('error', (error) => {
        stop.error = error
        reject(error)
      }),
    )
    this.#failed.catch(() => undefined) // raced in close(); seen by every sheet through `stop`
    this.#stop = stop
  }

  /** Writes one whole sheet from its rows (read as they come) under its title; returns how many rows it has. */
  async sheet<T>(spec: SheetSpec<T>, rows: Iterable<T> | AsyncIterable<T>, title: string): Promise<number> {
    const sheet = new XlsxSheet(
      this.#book.addWorksheet(spec.name, {
        views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
        // Ledgers get printed for meetings and handed upward.
        pageSetup: PAGE_SETUP,
        headerFooter: { oddFooter: FOOTER },
      }),
      spec,
      title,
    )
    for await (const row of rows) {
      if (sheet.add(row) % ROWS_PER_CHECK === 0) {
        await sheet.compressorCaughtUp()
        this.#stop.signal?.throwIfAborted()
        if (this.#stop.error) throw this.#stop.error
      }
    }
    return sheet.close()
  }

  /** Finishes the workbook; resolves once everything has reached the output stream. */
  async close(): Promise<void> {
    await Promise.race([this.#book.commit(), this.#failed])
  }
}

class XlsxSheet<T> {
  readonly #sheet: Worksheet
  readonly #spec: SheetSpec<T>
  readonly #kinds: ColumnKind[]
  /** Per look of a row (its fill, bold or not): one style object per column, see #look. */
  readonly #looks = new Map<string, Style[]>()
  #rows = 0
  /** The last 序号 given: a totals row takes none. */
  #serial = 0

  constructor(sheet: Worksheet, spec: SheetSpec<T>, title: string) {
    this.#sheet = sheet
    this.#spec = spec
    // 序号 first, then the spec's columns.
    this.#kinds = [SERIAL_COLUMN.kind, ...spec.columns.map((c) => c.kind)]
    // The plain look is also each column's own: a row an official types in later gets dates as
    // dates too.
    const plain = this.#look(null, false)
    const widths = [SERIAL_COLUMN.width, ...spec.columns.map((c) => c.width)]
    sheet.columns = widths.map((width, i) => ({ width, style: plain[i]! }))

    const top = sheet.getRow(TITLE_ROW)
    top.height = TITLE_POINTS
    const cell = top.getCell(1)
    cell.value = title
    cell.font = TITLE_FONT
    cell.alignment = { vertical: 'middle', horizontal: 'center' }
    sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, widths.length)
    top.commit()

    const header = sheet.getRow(HEADER_ROW)
    header.values = [SERIAL_COLUMN.header, ...spec.columns.map((c) => c.header)]
    // Every header wraps; the row is as tall as the longest, so a reader needs no auto-fit.
    header.height = headerLines(spec) * LINE_POINTS + ROW_MARGIN_POINTS
    header.eachCell((cell) => {
      cell.font = BOLD_FONT
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_ARGB } }
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
    })
    header.commit()
  }

  /** Writes one row (out of memory once the zip takes it); returns how many rows there are now. */
  add(item: T): number {
    const row = sheetRow(this.#spec, item)
    const styles = this.#look(row.fill, row.bold)
    const written = this.#sheet.getRow(this.#rows + HEADER_ROW + 1)
    // Not in exceljs' types, but every Row has it (its own empty object until set).
    ;(written as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE
    const lines = wrappedLines(this.#spec, row.cells)
    if (lines > 1) written.height = lines * LINE_POINTS + ROW_MARGIN_POINTS
    const cells = [row.bold ? null : ++this.#serial, ...row.cells]
    // A filled or bold row has every cell, empty ones too, so that it reads as one band across the
    // sheet; a plain row leaves its empty cells out (the column's style covers them).
    const whole = row.fill !== null || row.bold
    for (let c = 0; c < this.#kinds.length; c++) {
      const value = cells[c] ?? null
      if (value === null && !whole) continue
      const cell = written.getCell(c + 1)
      cell.value = toCell(this.#kinds[c]!, value)
      cell.style = styles[c]!
    }
    written.commit()
    return ++this.#rows
  }

  /**
   * exceljs hands a sheet's XML on to the zip without waiting (its StreamBuf ignores backpressure)
   * and deflate runs on the thread pool, so rows made faster than they are compressed pile up:
   * the whole uncompressed sheet, 70 MB for 100,000 issues, would sit in memory. So the rows wait
   * here while more than MAX_PENDING_BYTES is pending. This reads exceljs 4.4's internals: the
   * sheet's `stream` keeps what the zip has not taken yet in `buffers` and writes the rest into
   * `pipes[0]`, the zip entry's input (a readable-stream PassThrough, its queue in
   * `_writableState`).
   */
  async compressorCaughtUp(): Promise<void> {
    const xml = (this.#sheet as unknown as { stream: SheetStream }).stream
    for (;;) {
      const entry = xml.pipes[0]
      const queued = entry?._writableState.length ?? 0
      if (xml.buffers.length * STREAM_BUF_BYTES + queued <= MAX_PENDING_BYTES) return
      // Before the zip reaches this sheet's entry there is nothing to wait on but time.
      if (entry?._writableState.needDrain) await once(entry, 'drain')
      else await sleep(1)
    }
  }

  /** Ends the sheet with its auto-filter over every row written; returns how many rows that was. */
  close(): number {
    this.#sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: this.#rows + HEADER_ROW, column: this.#kinds.length } }
    this.#sheet.commit()
    return this.#rows
  }

  /**
   * The styles of a row that looks like this, made once and shared by every such cell: exceljs
   * knows a style object it has seen before and skips rendering it again, which otherwise costs
   * more than the rest of the export (300,000 cells in a city's 问题台账). Dates are formatted as
   * dates and long texts wrap; cells are aligned to the top, so that in a row made tall by one
   * wrapped text the others stand beside its first line, as a printed ledger reads.
   */
  #look(fill: RowFill | null, bold: boolean): Style[] {
    const key = `${fill}|${bold}`
    let styles = this.#looks.get(key)
    if (!styles) {
      const columns = [{ ...SERIAL_COLUMN, wrap: false }, ...this.#spec.columns]
      styles = columns.map((c) => ({
        // Said for every column: one without any style and of exceljs' default width (9) would be
        // left out of the file, width and all.
        alignment: { vertical: 'top', ...(c.wrap ? { wrapText: true } : {}) },
        ...(c.kind === 'date' ? { numFmt: DATE_FORMAT } : {}),
        ...(fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[fill] } } } : {}),
        ...(bold ? { font: BOLD_FONT } : {}),
      }))
      this.#looks.set(key, styles)
    }
    return styles
  }
}

/** exceljs writes a Date's UTC clock time, so a day is its UTC midnight: no timezone can shift it. */
function toCell(kind: ColumnKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null
  if (kind !== 'date' || typeof value !== 'string') return value
  const { year, month, day } = parts(value)
  return new Date(Date.UTC(year, month - 1, day))
}
