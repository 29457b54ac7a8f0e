import type ExcelJS from 'exceljs';

/**
 * How every printed table is laid out as a spreadsheet: an A4 sheet, a merged
 * title, the 填报单位 line, bordered and wrapped cells (used by tableWorkbook;
 * pdf-table.ts lays out the same tables as a PDF).
 */

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function sheet(wb: ExcelJS.Workbook, name: string, widths: number[], landscape: boolean): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/** Title row merged across the table, then the 填报单位 line; returns the first row after them. */
export function heading(ws: ExcelJS.Worksheet, title: string, columns: number, unit: string, date: string): number {
  ws.mergeCells(1, 1, 1, columns);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '方正小标宋简体', size: 18, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  ws.mergeCells(2, 1, 2, columns);
  ws.getCell(2, 1).value = `填报单位：${unit}${' '.repeat(8)}${date}`;
  return 3;
}

export function box(cell: ExcelJS.Cell, value: ExcelJS.CellValue, bold = false): void {
  cell.value = value;
  cell.border = BORDER;
  cell.alignment = { wrapText: true, vertical: 'middle', horizontal: bold ? 'center' : 'left' };
  if (bold) cell.font = { bold: true };
}

export const yearMonth = (date: Date) => `${date.getFullYear()}年${date.getMonth() + 1}月`;

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
