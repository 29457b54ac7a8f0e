import { StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import type { ErrorCode } from '../../../../libs/contracts/src';
import type { FileSuccess } from '../openapi/endpoint';

/** How every campaign document is answered: an .xlsx download named in Chinese, for one subtree. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `?organisationId=`: the subtree to cover (within the reader's own); the reader's widest when absent. */
export const scopeQuery = z.strictObject({ organisationId: z.uuid({ error: '组织编号格式不正确' }).optional() });

export const spreadsheet: FileSuccess = {
  status: 200,
  description: 'Excel 工作簿（.xlsx）',
  files: [XLSX],
  headers: { 'Content-Disposition': { description: 'attachment，附中文文件名（RFC 5987）', required: true, schema: { type: 'string' } } },
};

/** 404 for a campaign or organisation the reader cannot see; 403 for a role that does not read campaign documents. */
export const SCOPED_ERRORS = ['NOT_FOUND', 'FORBIDDEN'] as const satisfies readonly ErrorCode[];

export const xlsxFile = (buffer: Buffer, name: string) =>
  new StreamableFile(buffer, { type: XLSX, disposition: `attachment; filename="document.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx` });
