import { z } from 'zod';
import { CADENCE_LABELS, OBLIGATION_STATUSES } from '../../../../libs/domain/src';
import { LIANGSHAN_LEADERS, LIANGSHAN_RECORDS, LIANGSHAN_THRESHOLD_KEYS } from '../../../../libs/processes/src/liangshan';
import { day, id, timestamp } from '../openapi/schemas';

const count = z.int().min(0);

/** An item's deadline: one of the seed's kinds (每月1次, 3月、12月, 11月底以前, 全年, 12月或次年1月). */
export const deadlineSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('monthly') }),
    z.strictObject({
      kind: z.literal('months'),
      months: z.array(z.int({ error: '月份须为整数' })).describe('指定月份（1至12）'),
      labels: z.record(z.string(), z.string().max(100, '月份说明不能超过100字')).optional().describe('各月做什么，如 {"4":"设定党员积分标准","12":"积分评比"}'),
    }),
    z.strictObject({ kind: z.literal('by_date'), month: z.int({ error: '月份须为整数' }), day: z.int({ error: '日须为整数' }) }),
    z.strictObject({ kind: z.literal('yearly') }),
    z.strictObject({ kind: z.literal('december_or_january') }),
  ], { error: '完成时限的类型须为 monthly、months、by_date、yearly 或 december_or_january' })
  .describe(`完成时限：${Object.entries(CADENCE_LABELS).filter(([k]) => ['monthly', 'months', 'by_date', 'yearly', 'december_or_january'].includes(k)).map(([k, v]) => `${k}（${v}）`).join('、')}`);

const record = z.enum(LIANGSHAN_RECORDS, { error: `记录类型须为：${LIANGSHAN_RECORDS.join('、')}` });

/** One item as an administrator writes it. */
export const listItemInput = z.strictObject({
  code: z.string({ error: '编号须为文本' }).describe('编号（如 L04），一年的清单内不重复'),
  title: z.string({ error: '重点工作须为文本' }).describe('重点工作'),
  leader: z.enum(LIANGSHAN_LEADERS, { error: '责任领导须为 party_group_secretary（党组书记）或 branch_secretary（支部书记）' }).describe('责任领导'),
  responsible: z.string({ error: '责任人须为文本' }).describe('责任人'),
  deadline: deadlineSchema,
  deadlineText: z.string({ error: '完成时限须为文本' }).describe('完成时限（清单上的原文）'),
  record: record.optional().describe('完成时填写的记录（会议、党课、谈心谈话、民主评议、星级评定、积分）'),
  recordsByMonth: z.record(z.string(), record).optional().describe('按月份填写的记录，如 {"12":"star_rating"}'),
  quota: z
    .strictObject({ min: z.int({ error: '次数须为整数' }), max: z.int({ error: '次数须为整数' }).optional(), unit: z.enum(['times', 'hours'], { error: '单位须为 times（次）或 hours（学时）' }) })
    .optional()
    .describe('按次登记：每期逐次登记活动记录（日期、参加人员、记录），达到下限为完成'),
  countsAs: z.enum(['study_session'], { error: '计入项目须为 study_session（集中学习）' }).optional().describe('study_session：每次登记计入党员集中学习次数'),
});

export const listItemSchema = listItemInput.extend({
  leaderLabel: z.string(),
  deadlineKindLabel: z.string(),
});

export const listSchema = z.strictObject({
  year: z.int(),
  source: z.enum(['seed', 'administrator']).describe('seed：文件附件的清单（默认）；administrator：管理员为该年度维护的清单'),
  version: z.int().min(0).describe('管理员保存的次数；默认清单为 0'),
  updatedAt: timestamp.nullable(),
  updatedBy: z.string().nullable(),
  items: z.array(listItemSchema),
});
export type LiangshanListView = z.infer<typeof listSchema>;

const occurrenceSchema = z.strictObject({
  id: id.describe('该次任务的编号（GET /tasks/{id}）'),
  label: z.string(),
  periodStart: day,
  dueDate: day,
  status: z.enum(OBLIGATION_STATUSES),
  statusLabel: z.string(),
  completedLate: z.boolean().nullable(),
  completedAt: timestamp.nullable(),
  evidence: z.string().nullable(),
  recordKind: z.string().nullable(),
  record: z.record(z.string(), z.unknown()).nullable(),
});

const figures = { due: count.describe('已完成或已逾期的次数'), onTime: count, late: count.describe('逾期后完成'), missed: count.describe('逾期未完成'), open: count.describe('未到期、尚未完成') };

export const thresholdSchema = z.strictObject({
  key: z.enum(LIANGSHAN_THRESHOLD_KEYS),
  label: z.string(),
  figure: z.number().nullable().describe('由记录计算的数值（比例或次数）；尚无记录的为 null'),
  target: z.number(),
  met: z.boolean(),
  basis: z.string().describe('计算依据'),
});

export const branchYearSchema = z.strictObject({
  campaign: z.strictObject({ id, year: z.int(), title: z.string() }),
  branch: z.strictObject({ id, name: z.string(), committeeName: z.string() }),
  figures: z.strictObject(figures),
  items: z.array(
    z.strictObject({
      code: z.string(),
      title: z.string(),
      leaderLabel: z.string().describe('责任领导'),
      responsible: z.string().describe('责任人'),
      deadlineText: z.string(),
      occurrences: z.array(occurrenceSchema).describe('已开始的各次（未到开始时间的不列出）'),
    }),
  ),
  thresholds: z.array(thresholdSchema),
  pointsRanking: z.array(z.strictObject({ rank: z.int().min(1), member: z.string(), points: z.number() })).describe('12月积分评比的排名；尚未评比的为空'),
  starRating: z.strictObject({ rated: count, byStars: z.record(z.string(), count) }).nullable().describe('星级党员评比：各星级人数'),
});
export type BranchYearView = z.infer<typeof branchYearSchema>;

const example = {
  code: 'L04',
  title: '支部大会、党建月会、主题党日等',
  leader: 'branch_secretary' as const,
  leaderLabel: '支部书记',
  responsible: '宣传委员、全体党员',
  deadline: { kind: 'monthly' as const },
  deadlineText: '每月1次',
  deadlineKindLabel: '每月',
  record: 'session' as const,
};
export const listExample: LiangshanListView = { year: 2026, source: 'seed', version: 0, updatedAt: null, updatedBy: null, items: [example] };

export const branchYearExample: BranchYearView = {
  campaign: { id: '6f1c2a9e-4b8d-4c1e-9a3f-2d5e7b9c1a20', year: 2026, title: '2026年度“五好党支部”创建责任清单' },
  branch: { id: '0b4f6a2c-8e1d-4f3a-9c5b-7d2e1f0a3b40', name: '凉山州科学技术协会党支部', committeeName: '中共凉山州直属机关工作委员会' },
  figures: { due: 3, onTime: 2, late: 1, missed: 0, open: 22 },
  items: [
    {
      code: 'L04',
      title: example.title,
      leaderLabel: '支部书记',
      responsible: example.responsible,
      deadlineText: '每月1次',
      occurrences: [
        {
          id: '2c9e4b1a-7d3f-4e8a-b5c6-1f0d2e3a4b50',
          label: '2026年1月',
          periodStart: '2026-01-01',
          dueDate: '2026-01-31',
          status: 'completed',
          statusLabel: '已完成',
          completedLate: false,
          completedAt: '2026-01-20T02:00:00.000Z',
          evidence: '主题党日：集中学习党章，签到表、照片已上传',
          recordKind: 'liangshan_session',
          record: { heldOn: '2026-01-20', attendees: 16, collectiveStudy: true, leadingCadres: ['杨斌', '黄春莉'] },
        },
      ],
    },
  ],
  thresholds: [{ key: 'studySessions', label: '党员集中学习次数', figure: 1, target: 12, met: false, basis: '集中学习1次' }],
  pointsRanking: [],
  starRating: null,
};
