import { StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import type { ErrorCode } from '../../../../libs/contracts/src';
import { CjkFontMissing, type TableDocument, tablePdf, tableWorkbook } from '../../../../libs/documents/src';
import { ApiError } from '../common/api-error';
import type { FileSuccess } from '../openapi/endpoint';

/** How every campaign document is answered: an .xlsx download, or its printable .pdf sibling, named in Chinese, for one subtree. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `?organisationId=`: the subtree to cover (within the reader's own); the reader's widest when absent. */
export const scopeQuery = z.strictObject({ organisationId: z.uuid({ error: '组织编号格式不正确' }).optional() });

export const spreadsheet: FileSuccess = {
  status: 200,
  description: 'Excel 工作簿（.xlsx）',
  files: [XLSX],
  headers: { 'Content-Disposition': { description: 'attachment，附中文文件名（RFC 5987）', required: true, schema: { type: 'string' } } },
};

export const PDF = 'application/pdf';

export const printable: FileSuccess = {
  status: 200,
  description: 'PDF 文件（A4，版式同 .xlsx 表格，含填报单位和打印时间）',
  files: [PDF],
  headers: { 'Content-Disposition': { description: 'attachment，附中文文件名（RFC 5987）', required: true, schema: { type: 'string' } } },
};

/** 404 for a campaign or organisation the reader cannot see; 403 for a role that does not read campaign documents. */
export const SCOPED_ERRORS = ['NOT_FOUND', 'FORBIDDEN'] as const satisfies readonly ErrorCode[];
/** The same for a printable .pdf, which also needs the server's Chinese font. */
export const PRINTABLE_SCOPED_ERRORS = [...SCOPED_ERRORS, 'PRINTING_UNAVAILABLE'] as const satisfies readonly ErrorCode[];

export const xlsxFile = (buffer: Buffer, name: string) =>
  new StreamableFile(buffer, { type: XLSX, disposition: `attachment; filename="document.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx` });

export const pdfFile = (buffer: Buffer, name: string) =>
  new StreamableFile(buffer, { type: PDF, disposition: `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(name)}.pdf` });

/** A document's table and its file name (without extension): answered as .xlsx or as .pdf from the same table. */
export interface NamedDocument {
  doc: TableDocument;
  name: string;
}
export const xlsxDocument = async ({ doc, name }: NamedDocument) => xlsxFile(await tableWorkbook(doc), name);
/** A server without the Chinese font answers 503 in Chinese (the .xlsx still works) rather than a bare 500. */
export async function pdfDocument({ doc, name }: NamedDocument) {
  try {
    return pdfFile(await tablePdf(doc), name);
  } catch (err) {
    if (err instanceof CjkFontMissing) throw new ApiError('PRINTING_UNAVAILABLE');
    throw err;
  }
}
