import { z } from 'zod';
import { BRANCH_DOMAINS } from '../../../../libs/domain/src';
import {
  CLEANUP_STATUSES,
  FIVE_BASICS,
  GRADING_STATUSES,
  HEFEI_DEFAULT_STANDARD,
  HEFEI_GRADES,
  PROBLEM_SOURCES,
  RECTIFICATION_STATUSES,
  STANDARD_STATUSES,
} from '../../../../libs/processes/src/hefei';
import { EXAMPLE, day, id, timestamp } from '../openapi/schemas';

const ref = z.strictObject({ id, name: z.string() });
const grade = z.enum(HEFEI_GRADES);

export const gradingSchema = z.strictObject({
  gradingId: id,
  campaignId: id,
  year: z.int(),
  attempt: z.int().min(1).describe('第几次申报定级（未达标整改后重新申报为第2次起）'),
  firstGrading: z.boolean().describe('首次定级（计入A级比例上限）'),
  status: z.enum(GRADING_STATUSES),
  statusLabel: z.string(),
  selfTotal: z.number().nullable(),
  assessorTotal: z.number().nullable(),
  grade: grade.nullable(),
  gradeLabel: z.string().nullable(),
  reasons: z.array(z.string()).describe('定级理由（未评为A级的原因）'),
  reviewOpinion: z.string().nullable().describe('基层党委审核退回的意见'),
  gradedAt: timestamp.nullable(),
});

export const rectificationStepSchema = z.strictObject({
  action: z.enum(['submitted', 'returned', 'accepted']),
  actionLabel: z.string(),
  content: z.string().describe('整改情况，或退回、验收意见'),
  evidence: z.array(z.unknown()).describe('佐证材料'),
  actorName: z.string(),
  organisationName: z.string(),
  at: timestamp,
});

export const rectificationSchema = z.strictObject({
  id,
  source: z.enum(PROBLEM_SOURCES),
  sourceLabel: z.string(),
  dimension: z.enum(FIVE_BASICS).nullable(),
  dimensionLabel: z.string().nullable().describe('所属方面（五个基本）'),
  problem: z.string(),
  inspector: ref.describe('发现问题并验收整改的单位'),
  foundAt: timestamp,
  dueOn: day,
  status: z.enum(RECTIFICATION_STATUSES),
  statusLabel: z.string(),
  overdue: z.boolean().describe('已过整改期限仍未验收'),
  acceptedAt: timestamp.nullable(),
  steps: z.array(rectificationStepSchema),
});

export const pairingSchema = z.strictObject({
  id,
  partnerName: z.string(),
  partnerOrganisationId: id.nullable(),
  reason: z.string(),
  assignedAt: timestamp,
  endedAt: timestamp.nullable(),
  notes: z.array(z.strictObject({ note: z.string(), recordedAt: timestamp })).describe('帮扶记录'),
});

export const branchPageSchema = z.strictObject({
  campaign: z.strictObject({ id, year: z.int(), title: z.string() }),
  branch: z.strictObject({
    id,
    name: z.string(),
    domain: z.enum(BRANCH_DOMAINS).nullable(),
    domainLabel: z.string().nullable(),
    memberCount: z.int().nullable().describe('党员人数；未登记为 null'),
    committee: ref.nullable().describe('所属基层党委'),
  }),
  currentGrade: z
    .strictObject({ grade, gradeLabel: z.string(), year: z.int(), attempt: z.int(), firstGrading: z.boolean(), gradedAt: timestamp })
    .nullable()
    .describe('当前等次（最近一次评定）；尚未定级为 null'),
  history: z.array(gradingSchema).describe('历年定级申报，最近的在前'),
  rectifications: z.array(rectificationSchema).describe('本年度发现的问题及整改'),
  pairings: z.array(pairingSchema).describe('结对指导（进行中的在前）'),
  flags: z.strictObject({
    privateOrSocial: z.boolean().describe('非公企业或社会组织党支部（附件2）'),
    minimumMembers: z.int(),
    focusedHelp: z.boolean().describe('党员人数不足规定人数，实行重点帮扶'),
    memberless: z.boolean().describe('无党员，列入“空壳党支部”清理'),
    trainingRequired: z.boolean().describe('书记须每年参加集中培训'),
    trainingsThisYear: z.int().min(0),
    trainingsPerYear: z.int(),
    trainingMissing: z.boolean().describe('须培训而本年度培训次数未达要求'),
    cleanupReview: z.strictObject({ status: z.enum(CLEANUP_STATUSES), statusLabel: z.string(), opinion: z.string().nullable() }).nullable(),
  }),
});

const rubricSchema = z.strictObject({
  code: z.string(),
  version: z.int(),
  name: z.string(),
  isDefault: z.boolean(),
  note: z.string(),
  areas: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      declaredPoints: z.number(),
      items: z.array(z.strictObject({ code: z.string(), requirement: z.string(), standard: z.string(), points: z.number() })),
    }),
  ),
  vetoItems: z.array(z.strictObject({ code: z.string(), text: z.string() })),
  gradeThresholds: z.strictObject({ A: z.number(), B: z.number(), C: z.number() }),
  total: z.number().describe('满分'),
});

export const standardsSchema = z.strictObject({
  committee: ref,
  versions: z
    .array(
      z.strictObject({
        id,
        version: z.int(),
        campaignId: id.nullable(),
        status: z.enum(STANDARD_STATUSES),
        statusLabel: z.string(),
        createdAt: timestamp,
        filedAt: timestamp.nullable(),
        decidedAt: timestamp.nullable(),
        opinion: z.string().nullable().describe('退回时的修改意见'),
      }),
    )
    .describe('各版本，最新的在前'),
  accepted: z
    .strictObject({ id, version: z.int(), acceptedAt: timestamp, standard: rubricSchema })
    .nullable()
    .describe('现行（已备案）版本，定级以此为准；尚无为 null'),
});

const at = EXAMPLE.at;
export const branchPageExample: z.infer<typeof branchPageSchema> = {
  campaign: { id: EXAMPLE.campaignId, year: 2026, title: '2026年度党支部建设提升行动（分类定级）' },
  branch: { id: EXAMPLE.branchId, name: '律师行业第1委员会第3律师事务所党支部', domain: 'social_organization', domainLabel: '社会组织', memberCount: 2, committee: { id: EXAMPLE.committeeId, name: '中共合肥市律师行业委员会' } },
  currentGrade: { grade: 'C', gradeLabel: 'C级（基本达标）', year: 2026, attempt: 2, firstGrading: true, gradedAt: at },
  history: [
    {
      gradingId: EXAMPLE.taskId,
      campaignId: EXAMPLE.campaignId,
      year: 2026,
      attempt: 2,
      firstGrading: true,
      status: 'graded',
      statusLabel: '已评定等次',
      selfTotal: 72,
      assessorTotal: 68.5,
      grade: 'C',
      gradeLabel: 'C级（基本达标）',
      reasons: ['考核得分68.5分，未达到B级分数线80分'],
      reviewOpinion: null,
      gradedAt: at,
    },
  ],
  rectifications: [
    {
      id: EXAMPLE.noticeId,
      source: 'special_inspection',
      sourceLabel: '专项督查',
      dimension: 'rules',
      dimensionLabel: '基本制度',
      problem: '“三会一课”记录不完整',
      inspector: { id: EXAMPLE.cityManagedId, name: '中共合肥市司法局委员会' },
      foundAt: at,
      dueOn: '2026-07-10',
      status: 'accepted',
      statusLabel: '整改已验收',
      overdue: false,
      acceptedAt: at,
      steps: [{ action: 'submitted', actionLabel: '报送整改情况', content: '已补齐记录', evidence: [], actorName: '张三', organisationName: '律师行业第1委员会第3律师事务所党支部', at }],
    },
  ],
  pairings: [{ id: EXAMPLE.consultationId, partnerName: '局机关第一党支部', partnerOrganisationId: EXAMPLE.committeeId, reason: '党员人数不足3名', assignedAt: at, endedAt: null, notes: [{ note: '共同开展主题党日', recordedAt: at }] }],
  flags: {
    privateOrSocial: true,
    minimumMembers: 3,
    focusedHelp: true,
    memberless: false,
    trainingRequired: true,
    trainingsThisYear: 0,
    trainingsPerYear: 1,
    trainingMissing: true,
    cleanupReview: null,
  },
};

const d = HEFEI_DEFAULT_STANDARD;
export const standardsExample: z.infer<typeof standardsSchema> = {
  committee: { id: EXAMPLE.committeeId, name: '中共合肥市义城监狱委员会' },
  versions: [
    { id: EXAMPLE.attachmentId, version: 2, campaignId: EXAMPLE.campaignId, status: 'accepted', statusLabel: '已备案（现行）', createdAt: at, filedAt: at, decidedAt: at, opinion: null },
    { id: EXAMPLE.noticeId, version: 1, campaignId: EXAMPLE.campaignId, status: 'returned', statusLabel: '已退回修改', createdAt: at, filedAt: at, decidedAt: at, opinion: '基本阵地分值偏低，请修改' },
  ],
  accepted: {
    id: EXAMPLE.attachmentId,
    version: 2,
    acceptedAt: at,
    standard: {
      code: d.code,
      version: 2,
      name: '中共合肥市义城监狱委员会党支部分类定级标准（第2版）',
      isDefault: false,
      note: '',
      areas: d.areas.slice(0, 1),
      vetoItems: d.vetoItems,
      gradeThresholds: d.gradeThresholds,
      total: 100,
    },
  },
};
