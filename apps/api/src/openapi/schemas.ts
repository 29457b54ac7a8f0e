import { z } from 'zod';

/** Building blocks of the response schemas: what the wire carries (dates as ISO strings), not the objects before serialisation. */
export const id = z.guid();
export const timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 时间（UTC）');
export const day = z.iso.date().describe('日期 YYYY-MM-DD（北京时间）');

/** A page of a list: the items and how many there are in all. */
export const page = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: z.int().min(0) });

/** Example values shared by the examples of several operations. */
export const EXAMPLE = {
  branchId: '5b1e3c7a-2f4d-4c8e-9a61-0d2f7b3e4c59',
  committeeId: '8c2d4e6f-1a3b-4c5d-8e9f-0a1b2c3d4e5f',
  cityManagedId: '2e4f6a8c-0b1d-4f3a-9c5e-7d9f1b3d5f7a',
  nominationId: '7a9c1e3f-5b7d-4f9a-8c2e-4d6f8a0c2e4b',
  taskId: '1c3e5a7b-9d1f-4b3d-a5e7-9f1b3d5f7a9c',
  campaignId: '4d6f8a0c-2e4b-4d6f-8a0c-2e4b6d8f0a1c',
  userId: '9e1a3c5e-7a9c-4e1a-bc3e-5a7c9e1a3c5e',
  noticeId: '6f8a0c2e-4b6d-4f8a-9c2e-4b6d8f0a2c4e',
  consultationId: '3b5d7f9a-1c3e-4b5d-9f1a-3c5e7a9c1e3b',
  attachmentId: 'a0c2e4b6-d8f0-4a2c-8e4b-6d8f0a2c4e6b',
  at: '2026-03-02T01:30:00.000Z',
} as const;
