// A worksheet as data: its name, its columns (header, width, kind, how a row gives the cell) and
// how a row is filled. Pure, so which columns and values a sheet has is tested without a workbook;
// src/export writes it with exceljs.

/** A cell: text, a number, or in a 'date' column a `YYYY-MM-DD` date; null leaves it empty. */
export type CellValue = string | number | null

/** How a column's cells are written: text, numbers, or real dates (never dates as text). */
export type ColumnKind = 'text' | 'number' | 'date'

export interface SheetColumn<T> {
  header: string
  /** Width in Excel's character units (a Chinese character takes about two). */
  width: number
  kind: ColumnKind
  /** Long texts wrap inside the column rather than running under the next ones. */
  wrap?: boolean
  value(row: T): CellValue
}

/** A row's background: red for an overdue issue, yellow for one near its due date. */
export type RowFill = 'red' | 'yellow'

export interface SheetSpec<T> {
  name: string
  columns: readonly SheetColumn<T>[]
  fill?(row: T): RowFill | null
  /** A totals row is bold like the header. */
  bold?(row: T): boolean
}

export interface SheetRow {
  cells: CellValue[]
  fill: RowFill | null
  bold: boolean
}

export function sheetRow<T>(spec: SheetSpec<T>, row: T): SheetRow {
  return {
    cells: spec.columns.map((c) => c.value(row)),
    fill: spec.fill?.(row) ?? null,
    bold: spec.bold?.(row) ?? false,
  }
}
