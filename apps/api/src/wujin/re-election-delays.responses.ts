import { z } from 'zod';
import { RE_ELECTION_DELAY_STATUSES } from '../../../../libs/processes/src/wujin';
import { EXAMPLE, day, id, timestamp } from '../openapi/schemas';

/** A branch's request to delay its re-election (换届延期) and its committee's decision. */
export const reElectionDelaySchema = z.strictObject({
  id,
  branchId: id,
  termEndsOn: day.describe('申请时本届任期届满日'),
  until: day.describe('申请延期至'),
  reason: z.string().describe('延期理由'),
  status: z.enum(RE_ELECTION_DELAY_STATUSES).describe('pending 待审批、approved 已批准、refused 未批准'),
  statusLabel: z.string(),
  requestedBy: z.string().nullable(),
  requestedAt: timestamp,
  opinion: z.string().nullable().describe('党(工)委的审批意见'),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  occurrenceChange: z.enum(['moved', 'postponed']).nullable().describe('批准后换届任务的变化：moved 截止日期改为新日期，postponed 转入新日期所在年度办理；没有待办的换届任务或未批准为 null'),
});

export const reElectionSchema = z
  .strictObject({
    termEndsOn: day.nullable().describe('本届任期届满日（换届时间）；未登记为 null'),
    delays: z.array(reElectionDelaySchema).describe('延期换届申请，最新的在前'),
  })
  .describe('换届：任期届满日和延期换届申请');

export const reElectionDelayExample: z.infer<typeof reElectionDelaySchema> = {
  id: EXAMPLE.nominationId,
  branchId: EXAMPLE.branchId,
  termEndsOn: '2017-06-28',
  until: '2017-12-20',
  reason: '支部书记因病长期休养，拟待其康复后召开党员大会选举',
  status: 'pending',
  statusLabel: '待党(工)委审批',
  requestedBy: '马杭村党支部书记',
  requestedAt: EXAMPLE.at,
  opinion: null,
  decidedBy: null,
  decidedAt: null,
  occurrenceChange: null,
};
