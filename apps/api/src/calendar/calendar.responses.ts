import { z } from 'zod';
import { day, timestamp } from '../openapi/schemas';

export const calendarYearSummarySchema = z.strictObject({
  year: z.int(),
  source: z.string(),
  note: z.string(),
  updatedAt: timestamp,
  holidays: z.int().min(0),
  adjustedWorkdays: z.int().min(0),
});

export const calendarYearSchema = z.strictObject({
  year: z.int(),
  source: z.string(),
  note: z.string(),
  updatedAt: timestamp,
  days: z.array(z.strictObject({ date: day, kind: z.enum(['holiday', 'adjusted_workday']), name: z.string() })),
});

export const periodEndSchema = z.strictObject({ lastDay: day.describe('期限的最后一天'), endsAt: timestamp.describe('最后一天北京时间24:00') });

export const calendarYearSummaryExample: z.infer<typeof calendarYearSummarySchema> = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  note: '',
  updatedAt: '2026-01-05T02:00:00.000Z',
  holidays: 33,
  adjustedWorkdays: 6,
};

export const calendarYearExample: z.infer<typeof calendarYearSchema> = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  note: '',
  updatedAt: '2026-01-05T02:00:00.000Z',
  days: [
    { date: '2026-01-01', kind: 'holiday', name: '元旦' },
    { date: '2026-01-04', kind: 'adjusted_workday', name: '元旦' },
  ],
};

export const periodEndExample: z.infer<typeof periodEndSchema> = { lastDay: '2026-03-09', endsAt: '2026-03-09T16:00:00.000Z' };
