import type ExcelJS from 'exceljs';
import { box, heading, sheet, toBuffer } from './sheet-layout';

/**
 * The one row/column model of a printed table. Each document builds it once;
 * the spreadsheet (tableWorkbook) and the PDF (tablePdf) are both drawn from it,
 * so a document's content exists in one place only.
 */

export type CellValue = string | number;

export interface TableCell {
  value: CellValue;
  /** Bold and centred, like a label; header cells always are. */
  bold?: boolean;
  colSpan?: number;
  rowSpan?: number;
}

export interface TableRow {
  /** Placed left to right like an HTML table: a position covered by an earlier span is skipped. */
  cells: Array<TableCell | CellValue>;
  /** Minimum height in points. */
  height?: number;
}

export interface TableSheet {
  /** The worksheet's name (Excel's rules apply: see worksheetName). */
  name: string;
  title: string;
  /** The 填报单位. */
  unit: string;
  /** Written after the unit (the month the table is filled in), or ''. */
  date: string;
  landscape: boolean;
  /** Column widths in Excel's character units; the PDF keeps their proportions. */
  widths: number[];
  /** Header rows, repeated at the top of each printed page. */
  header: TableRow[];
  body: TableRow[];
}

export interface TableDocument {
  /** The file's title (PDF metadata). */
  title: string;
  sheets: TableSheet[];
}

export interface PlacedCell {
  row: number;
  col: number;
  value: CellValue;
  bold: boolean;
  header: boolean;
  colSpan: number;
  rowSpan: number;
}

const asCell = (c: TableCell | CellValue): TableCell => (typeof c === 'object' ? c : { value: c });

/** Every cell of the sheet's header and body rows at its grid position (row 0 is the first header row). */
export function placeCells(s: TableSheet): PlacedCell[] {
  const columns = s.widths.length;
  const covered = new Set<string>();
  const placed: PlacedCell[] = [];
  const rows = [...s.header.map((r) => ({ r, header: true })), ...s.body.map((r) => ({ r, header: false }))];
  rows.forEach(({ r, header }, row) => {
    let col = 0;
    for (const raw of r.cells) {
      while (covered.has(`${row}:${col}`)) col++;
      const c = asCell(raw);
      const colSpan = Math.max(1, c.colSpan ?? 1);
      const rowSpan = Math.max(1, c.rowSpan ?? 1);
      if (col + colSpan > columns) throw new Error(`table "${s.name}" row ${row}: cells exceed ${columns} columns`);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) covered.add(`${row + dr}:${col + dc}`);
      placed.push({ row, col, value: c.value, bold: header || c.bold === true, header, colSpan, rowSpan });
      col += colSpan;
    }
  });
  return placed;
}

/** The sheet's rows (header then body) in order, for their heights. */
export const allRows = (s: TableSheet): TableRow[] => [...s.header, ...s.body];

/** exceljs, loaded when the first workbook is written: it takes ~0.5 s to load, and most processes never write one. */
let excel: typeof ExcelJS | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
const exceljs = (): typeof ExcelJS => (excel ??= require('exceljs') as typeof ExcelJS);

/** The document as an .xlsx workbook: a worksheet per sheet with the shared print layout (sheet-layout.ts). */
export async function tableWorkbook(doc: TableDocument): Promise<Buffer> {
  const wb = new (exceljs().Workbook)();
  for (const s of doc.sheets) {
    const ws = sheet(wb, s.name, s.widths, s.landscape);
    const top = heading(ws, s.title, s.widths.length, s.unit, s.date);
    for (const c of placeCells(s)) {
      // Styled before merging: exceljs gives the merged cells the master's border.
      box(ws.getCell(top + c.row, c.col + 1), c.value, c.bold);
      if (c.colSpan > 1 || c.rowSpan > 1) ws.mergeCells(top + c.row, c.col + 1, top + c.row + c.rowSpan - 1, c.col + c.colSpan);
    }
    allRows(s).forEach((r, i) => {
      if (r.height) ws.getRow(top + i).height = r.height;
    });
  }
  return toBuffer(wb);
}

/** A row of values boxed as they are. */
export const row = (...cells: Array<TableCell | CellValue>): TableRow => ({ cells });
/** One cell across the whole table (a closing line or a note). */
export const wideRow = (value: CellValue, columns: number): TableRow => ({ cells: [{ value, colSpan: columns }] });
/** A header row of labels. */
export const labels = (names: readonly string[]): TableRow => ({ cells: [...names] });

/** A landscape list sheet: a header row of labels, the rows numbered from 1, and a closing line across the whole width. */
export function numberedListSheet(o: { name: string; title: string; unit: string; date: string; headers: readonly string[]; widths: number[]; rows: CellValue[][]; foot: string }): TableSheet {
  return {
    name: o.name,
    title: o.title,
    unit: o.unit,
    date: o.date,
    landscape: true,
    widths: o.widths,
    header: [labels(o.headers)],
    body: [...o.rows.map((r, i) => row(i + 1, ...r)), wideRow(o.foot, o.headers.length)],
  };
}
