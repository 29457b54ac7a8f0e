import { z } from 'zod';
import { EXAMPLE, day, id, timestamp } from '../openapi/schemas';

export const noticePublishedSchema = z.strictObject({ id });

/** What anyone may see of a notice. */
export const publicNoticeSchema = z.strictObject({
  id,
  title: z.string(),
  status: z.enum(['open', 'closing', 'closed']),
  publishedAt: timestamp,
  lastDay: day.describe('公示期最后一天'),
  endsAt: timestamp,
  durationAmount: z.int(),
  durationUnit: z.enum(['calendar_days', 'working_days']),
  items: z.array(z.strictObject({ id: z.string(), name: z.string(), status: z.enum(['listed', 'removed']) })),
  objections: z.strictObject({ lodged: z.int(), investigating: z.int(), upheld: z.int(), dismissed: z.int() }),
  acceptingObjections: z.boolean(),
});

/** The publishing committee's view, with each objection. */
export const noticeDetailSchema = publicNoticeSchema.extend({
  objectionDetails: z.array(
    z.strictObject({
      id,
      itemId: z.string(),
      anonymous: z.boolean(),
      name: z.string().nullable(),
      contact: z.string().nullable(),
      content: z.string(),
      status: z.enum(['investigating', 'upheld', 'dismissed']),
      resolution: z.string().nullable(),
      lodgedAt: timestamp,
      resolvedAt: timestamp.nullable(),
    }),
  ),
});

export const objectionLodgedSchema = z.strictObject({ objectionId: id, status: z.string().describe('investigating：已受理，进入核查') });

export const publicNoticeExample: z.infer<typeof publicNoticeSchema> = {
  id: EXAMPLE.noticeId,
  title: '2026年度“泰山先锋”红旗党支部拟命名对象公示',
  status: 'open',
  publishedAt: EXAMPLE.at,
  lastDay: '2026-03-09',
  endsAt: '2026-03-09T16:00:00.000Z',
  durationAmount: 5,
  durationUnit: 'working_days',
  items: [{ id: EXAMPLE.branchId, name: '财源街道东岳社区党支部', status: 'listed' }],
  objections: { lodged: 1, investigating: 1, upheld: 0, dismissed: 0 },
  acceptingObjections: true,
};

export const noticeDetailExample: z.infer<typeof noticeDetailSchema> = {
  ...publicNoticeExample,
  objectionDetails: [
    {
      id: '8b0d2f4a-6c8e-4b0d-af4a-6c8e0b2d4f6a',
      itemId: EXAMPLE.branchId,
      anonymous: true,
      name: null,
      contact: null,
      content: '该支部去年组织生活记录不全',
      status: 'investigating',
      resolution: null,
      lodgedAt: EXAMPLE.at,
      resolvedAt: null,
    },
  ],
};

export const objectionLodgedExample: z.infer<typeof objectionLodgedSchema> = { objectionId: '8b0d2f4a-6c8e-4b0d-af4a-6c8e0b2d4f6a', status: 'investigating' };
