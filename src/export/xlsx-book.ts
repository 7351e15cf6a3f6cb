import type { Writable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import ExcelJS from 'exceljs'
import { parts } from '../calendar/local-date.ts'
import { sheetRow, type CellValue, type ColumnKind, type RowFill, type SheetSpec } from '../text/sheet-spec.ts'

/** Excel's own "bad" and "neutral" cell colours: what officials already read as overdue and near due. */
const FILL_ARGB: Record<RowFill, string> = { red: 'FFFFC7CE', yellow: 'FFFFEB9C' }
const HEADER_ARGB = 'FFD9D9D9'
const DATE_FORMAT = 'yyyy-mm-dd'
/**
 * Committed rows go to the zip stream, but it compresses and writes only when the event loop
 * turns; a loop over 100,000 rows that never yields would hold the whole sheet in memory.
 */
const ROWS_PER_TURN = 500

type Worksheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>

/**
 * A workbook written as a stream with exceljs: sheet by sheet, row by row, each row written out as
 * soon as it is added. Every sheet gets a bold, shaded header row that stays frozen, an auto-filter
 * over its rows, its columns' widths, and real date cells.
 */
export class XlsxBook {
  readonly #book: ExcelJS.stream.xlsx.WorkbookWriter
  readonly #stop: Stop
  /** Rejects when the output fails (a full disk): exceljs would otherwise wait for it forever. */
  readonly #failed: Promise<never>

  /** `signal` stops a long write between rows (the command line's Ctrl+C). */
  constructor(out: Writable, signal?: AbortSignal) {
    this.#book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    const stop: Stop = { signal, error: undefined }
    this.#failed = new Promise<never>((_, reject) =>
      out.once('error', (error) => {
        stop.error = error
        reject(error)
      }),
    )
    this.#failed.catch(() => undefined) // raced in close(); seen by every row through `stop`
    this.#stop = stop
  }

  /** Starts the next sheet; the previous one must be closed (the zip holds one sheet at a time). */
  sheet<T>(spec: SheetSpec<T>): XlsxSheet<T> {
    const sheet = this.#book.addWorksheet(spec.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
      // Ledgers get printed for meetings: A4 landscape, every column on one page's width.
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    })
    return new XlsxSheet(sheet, spec, this.#stop)
  }

  /** Finishes the workbook; resolves once everything has reached the output stream. */
  async close(): Promise<void> {
    await Promise.race([this.#book.commit(), this.#failed])
  }
}

/** Why a write stops early: an abort asked for, or the output's error. */
interface Stop {
  signal: AbortSignal | undefined
  error: Error | undefined
}

export class XlsxSheet<T> {
  readonly #sheet: Worksheet
  readonly #spec: SheetSpec<T>
  readonly #kinds: ColumnKind[]
  readonly #stop: Stop
  #rows = 0

  constructor(sheet: Worksheet, spec: SheetSpec<T>, stop: Stop) {
    this.#sheet = sheet
    this.#spec = spec
    this.#kinds = spec.columns.map((c) => c.kind)
    this.#stop = stop
    // A column's style is every new cell's in it: dates formatted as dates, long texts wrapped.
    sheet.columns = spec.columns.map((c) => ({
      header: c.header,
      width: c.width,
      style: {
        alignment: { vertical: 'top', wrapText: c.wrap === true },
        ...(c.kind === 'date' ? { numFmt: DATE_FORMAT } : {}),
      },
    }))
    const header = sheet.getRow(1)
    // Two lines' height: a long header wraps, and a reader needs no auto-fit to see all of it.
    header.height = 30
    header.eachCell((cell) => {
      cell.font = { bold: true }
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_ARGB } }
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
    })
    header.commit()
  }

  /** Writes one row (out of memory once the stream takes it). */
  async add(item: T): Promise<void> {
    const row = sheetRow(this.#spec, item)
    const written = this.#sheet.addRow(row.cells.map((v, i) => toCell(this.#kinds[i]!, v)))
    if (row.fill !== null || row.bold) {
      // Every column, empty cells too: a filled row reads as one band across the sheet.
      for (let c = 1; c <= this.#kinds.length; c++) {
        const cell = written.getCell(c)
        if (row.fill !== null) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[row.fill] } }
        if (row.bold) cell.font = { bold: true }
      }
    }
    written.commit()
    if (++this.#rows % ROWS_PER_TURN === 0) {
      await nextTurn()
      this.#stop.signal?.throwIfAborted()
      if (this.#stop.error) throw this.#stop.error
    }
  }

  /** Ends the sheet with its auto-filter over every row written; returns how many rows that was. */
  close(): number {
    this.#sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.#rows + 1, column: this.#kinds.length } }
    this.#sheet.commit()
    return this.#rows
  }
}

/** exceljs writes a Date's UTC clock time, so a day is its UTC midnight: no timezone can shift it. */
function toCell(kind: ColumnKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null
  if (kind !== 'date' || typeof value !== 'string') return value
  const { year, month, day } = parts(value)
  return new Date(Date.UTC(year, month - 1, day))
}
