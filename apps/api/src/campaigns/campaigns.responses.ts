import { z } from 'zod';
import { EXAMPLE, day, id, timestamp } from '../openapi/schemas';
import { PROCESSES, type ProcessDefinition } from '../../../../libs/processes/src';
import { dashboardProcessIds, dashboardSectionsOf } from './dashboard-sections';
import { defaultRedFlagParams } from '../../../../libs/processes/src/taian';
import { AGENCY_KINDS, BRANCH_DOMAINS, ORG_LEVELS } from '../../../../libs/domain/src';

/** One schema per registered process, told apart by `process`. */
function perProcess(shape: (d: ProcessDefinition) => z.ZodObject): z.ZodType {
  const options = PROCESSES.map(shape) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]];
  return options.length === 1 ? options[0] : z.discriminatedUnion('process', options);
}

const agencyKinds = z.array(z.enum(AGENCY_KINDS));
const consultationRulesView = z.strictObject(Object.fromEntries(BRANCH_DOMAINS.map((d) => [d, agencyKinds])) as Record<(typeof BRANCH_DOMAINS)[number], typeof agencyKinds>);

export const plannedStageSchema = z.strictObject({
  stage: z.string().describe('阶段编号（见 GET /processes）'),
  label: z.string(),
  opensOn: day,
  dueOn: day.describe('可提交的最后一天'),
  dueAt: timestamp,
  notes: z.array(z.string()),
});

export const campaignDefaultsSchema = perProcess((d) => z.strictObject({ process: z.literal(d.id), parameters: d.parameters.schema, plan: z.array(plannedStageSchema) }));

export const campaignSchema = perProcess((d) =>
  z.strictObject({
    id,
    process: z.literal(d.id),
    year: z.int(),
    title: z.string(),
    status: z.enum(['draft', 'running', 'paused', 'completed', 'cancelled']),
    parameters: d.parameters.schema,
    plan: z.array(plannedStageSchema),
    consultationRules: consultationRulesView.nullable().describe('征求意见的单位类别（按党支部领域），启动时按该年度名单确定，此后不随名单修改而变；草稿为 null'),
    createdAt: timestamp,
  }),
);

export const campaignStartedSchema = z.strictObject({ id, status: z.literal('running') });

/** The campaign workflow's answer to a control action (libs/contracts CampaignView). */
export const campaignViewSchema = z.strictObject({
  campaignId: id,
  status: z.enum(['running', 'paused', 'cancelled', 'completed']),
  stage: z.string().nullable(),
  dues: z.record(z.string(), timestamp).describe('各阶段（含延期后）的截止时间'),
});

const lateWork = z.array(
  z.strictObject({
    organisationId: id,
    organisationName: z.string(),
    count: z.int().min(1).describe('该组织此类任务的总数'),
    tasks: z.array(z.strictObject({ id, title: z.string(), kind: z.string(), dueAt: timestamp })).describe('最早到期的至多5个'),
  }),
);

const dashboardBase = z.strictObject({
  campaign: z.strictObject({ id, process: z.string(), title: z.string(), year: z.int(), status: z.string() }),
  scope: z.strictObject({ organisationId: id, name: z.string() }),
  stages: z.array(
    z.strictObject({
      stage: z.string(),
      label: z.string(),
      opensOn: day,
      dueOn: day,
      dueAt: timestamp,
      status: z.enum(['pending', 'open', 'completed', 'overdue', 'cancelled']),
      completedLate: z.boolean().nullable(),
      open: z.int(),
      completed: z.int(),
      overdue: z.int(),
      missed: z.int(),
    }),
  ),
  units: z
    .array(
      z.strictObject({
        organisationId: id,
        organisationName: z.string(),
        level: z.enum(ORG_LEVELS),
        hasUnits: z.boolean().describe('是否有下级组织（可再以 organisationId 查看其看板）'),
        open: z.int().min(0).describe('本组织及下级的待办数'),
        overdue: z.int().min(0).describe('其中已逾期的'),
        dueSoon: z.int().min(0).describe('其中72小时内到期的'),
      }),
    )
    .describe('看板范围的直接下级组织及其各自范围内的待办；以 organisationId 逐级下钻'),
  progress: z
    .array(z.strictObject({ day, created: z.int().min(0).describe('当日新增的任务'), completed: z.int().min(0).describe('当日办结的任务') }))
    .describe('按日（北京时间）的任务进度，只含有变化的日子'),
  overdue: lateWork.describe('已逾期的待办，按组织：逾期最多的至多20个组织，其余请按下级单位查看'),
  overdueHolders: z.int().min(0).describe('有逾期待办的组织总数（overdue 只列其中至多20个）'),
  dueSoon: lateWork.describe('72小时内到期的待办，按组织：最多的至多20个组织，其余请按下级单位查看'),
  dueSoonHolders: z.int().min(0).describe('有72小时内到期待办的组织总数（dueSoon 只列其中至多20个）'),
});

/** What every process's dashboard shows, and the sections its process adds. */
const dashboardOf = (process: string) =>
  dashboardBase.extend({ campaign: dashboardBase.shape.campaign.extend({ process: z.literal(process) }), ...dashboardSectionsOf(process).schema.shape });
const dashboards = dashboardProcessIds(PROCESSES.map((d) => d.id)).map(dashboardOf);
/** One shape per process, told apart by `campaign.process` (nested, so a plain union: each shape's literal admits one process). */
export const campaignDashboardSchema: z.ZodType = dashboards.length === 1 ? dashboards[0]! : z.union(dashboards as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);

const parameters = defaultRedFlagParams(2026);
const plan: Array<z.infer<typeof plannedStageSchema>> = [
  { stage: 'application', label: '党支部推荐申报', opensOn: '2026-01-05', dueOn: '2026-03-16', dueAt: '2026-03-16T16:00:00.000Z', notes: ['3月15日为星期日，顺延至下一个工作日'] },
];

export const campaignDefaultsExample = { process: 'taian', parameters, plan };

export const campaignExample = {
  id: EXAMPLE.campaignId,
  process: 'taian',
  year: 2026,
  title: '2026年度“泰山先锋”红旗党支部评选',
  status: 'draft',
  parameters,
  plan,
  consultationRules: null,
  createdAt: EXAMPLE.at,
};

export const campaignStartedExample: z.infer<typeof campaignStartedSchema> = { id: EXAMPLE.campaignId, status: 'running' };

export const campaignViewExample: z.infer<typeof campaignViewSchema> = {
  campaignId: EXAMPLE.campaignId,
  status: 'paused',
  stage: 'application',
  dues: { application: '2026-03-16T16:00:00.000Z' },
};

export const campaignDashboardExample = {
  campaign: { id: EXAMPLE.campaignId, process: 'taian', title: '2026年度“泰山先锋”红旗党支部评选', year: 2026, status: 'running' },
  scope: { organisationId: EXAMPLE.cityManagedId, name: '中共泰山区委员会' },
  stages: [{ stage: 'application', label: '党支部推荐申报', opensOn: '2026-01-05', dueOn: '2026-03-16', dueAt: '2026-03-16T16:00:00.000Z', status: 'open', completedLate: null, open: 3, completed: 12, overdue: 0, missed: 0 }],
  units: [{ organisationId: EXAMPLE.committeeId, organisationName: '中共泰山区财源街道工作委员会', level: 'grassroots_committee', hasUnits: true, open: 3, overdue: 0, dueSoon: 1 }],
  progress: [{ day: '2026-03-02', created: 15, completed: 12 }],
  overdue: [],
  overdueHolders: 0,
  dueSoonHolders: 1,
  dueSoon: [{ organisationId: EXAMPLE.committeeId, organisationName: '中共泰山区财源街道工作委员会', count: 1, tasks: [{ id: EXAMPLE.taskId, title: '审核推荐申报：财源街道东岳社区党支部', kind: 'nomination_review', dueAt: '2026-03-16T16:00:00.000Z' }] }],
  candidates: {
    byStatus: { applied: 1 },
    items: [
      {
        nominationId: EXAMPLE.nominationId,
        branchId: EXAMPLE.branchId,
        branchName: '财源街道东岳社区党支部',
        grassrootsCommittee: '中共泰山区财源街道工作委员会',
        cityManagedCommittee: '中共泰山区委员会',
        reviewStatus: 'approved',
        status: 'applied',
        reason: null,
        priority: true,
        statusLabel: '已申报，待基层党委推荐',
      },
    ],
  },
  vetoes: [],
  consultationGaps: {
    unanswered: [
      {
        consultationId: EXAMPLE.consultationId,
        committee: '中共泰山区财源街道工作委员会',
        agency: '财源街道信访办',
        candidates: 3,
        gapOpinion: '该单位逾期仍未反馈，经电话催办未果，经党委会议研究，记录缺项后继续研究推荐名单',
        recordedAt: '2027-03-24T02:00:00.000Z',
      },
    ],
    levelsWithoutAgency: [{ committee: '中共泰安市直机关工作委员会', agencyKinds: ['公安局'], recordedAt: '2027-03-20T01:00:00.000Z' }],
  },
  objections: [],
  ledger: { byGrade: { advanced: 2, average: 14 }, branches: 16 },
};

const json = z.record(z.string(), z.unknown());

/** GET /processes: what each registered process is and takes. */
export const processSchema = z.strictObject({
  id: z.string().describe('流程编号，创建评选活动时作为 process'),
  name: z.string(),
  source: z.string(),
  stages: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  parameters: json.describe('可覆盖的参数（JSON Schema），POST /campaigns 的 parameters'),
  parametersInForce: json.describe('活动运行所用的全部参数（JSON Schema）'),
  takesNominations: z.boolean().describe('是否在申报阶段受理党支部推荐申报（POST /nominations）'),
  subjectStatuses: z.record(z.string(), z.string()).describe('对象状态及其名称'),
  dashboardSections: z.array(z.strictObject({ id: z.string(), label: z.string() })).describe('看板中该流程特有的部分（GET /campaigns/{id}/dashboard 中同名字段）'),
  documents: z.array(z.strictObject({ id: z.string(), title: z.string(), path: z.string() })).describe('该流程生成的文书及其下载地址'),
  forms: z.array(z.strictObject({ kind: z.string(), label: z.string() })).describe('该流程自有的任务表单类型（引擎通用表单之外）；任务的 form.kind 取其一时，GET /tasks/{id} 给出其 JSON Schema'),
});

export const processesExample: Array<z.infer<typeof processSchema>> = [
  {
    id: 'taian',
    name: '“泰山先锋”红旗党支部评选',
    source: 'PROCESSES.md §1（泰安，seed 001）',
    stages: [{ id: 'application', label: '党支部推荐申报' }],
    parameters: { type: 'object', properties: { quota: { type: 'integer', minimum: 1 } } },
    parametersInForce: { type: 'object', properties: { quota: { type: 'integer' } } },
    takesNominations: true,
    subjectStatuses: { applied: '已申报，待基层党委推荐' },
    dashboardSections: [{ id: 'candidates', label: '候选对象及其状态' }],
    documents: [{ id: 'ledger', title: '过硬党支部建设工作台账（附件1）', path: '/campaigns/{campaignId}/ledger.xlsx' }],
    forms: [{ kind: 'cultivation_plan', label: '红旗党支部三年培树计划（附件2）' }],
  },
];
