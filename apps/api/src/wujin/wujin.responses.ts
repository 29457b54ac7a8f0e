import { z } from 'zod';
import { BRANCH_DOMAINS } from '../../../../libs/domain/src';
import { WUJIN_OBLIGATIONS, WUJIN_STANDINGS, type WujinObligation } from '../../../../libs/processes/src/wujin';
import { attachmentLinkExample, attachmentLinkSchema } from '../attachments/attachment-links';
import { EXAMPLE, id, timestamp } from '../openapi/schemas';
import { BRAND_STATUSES, RECTIFICATION_STATUSES } from './labels';
import { reElectionDelayExample, reElectionSchema } from './re-election-delays.responses';

const ref = z.strictObject({ id, name: z.string() });
const count = z.int().min(0);
const obligationCode = z.enum(Object.keys(WUJIN_OBLIGATIONS) as [WujinObligation, ...WujinObligation[]]);
const obligationFigures = { due: count.describe('应完成次数'), onTime: count, late: count.describe('逾期后补做'), missed: count.describe('逾期仍未完成'), open: count.describe('未到期、尚未完成') };

const itemSchema = z.strictObject({
  areaCode: z.string(),
  areaName: z.string(),
  code: z.string(),
  requirement: z.string().describe('考核要求'),
  standard: z.string().describe('考核标准'),
  points: z.number().describe('分值'),
  self: z.number().nullable().describe('自评分；尚未自评为 null'),
  selfEvidence: z.string().nullable(),
  selfEvidenceAttachments: z.array(attachmentLinkSchema).describe('自评时附上的佐证附件（图片、扫描件）'),
  assessor: z.number().nullable().describe('考核分；尚未考核为 null'),
  assessorEvidence: z.string().nullable(),
  obligation: z
    .strictObject({ code: obligationCode, title: z.string(), ...obligationFigures })
    .nullable()
    .describe('该条目考核的经常性工作在本计划各年的完成情况；不对应经常性工作的为 null'),
});

export const assessmentSchema = z.strictObject({
  id,
  round: z.int().min(1).describe('第几轮考核（整顿后复核为第2轮起）'),
  status: z.enum(['self_assessment', 'assessing', 'completed']).nullable().describe('评分进度：自评中、考核中、已评分'),
  rubric: z.strictObject({
    code: z.string(),
    version: z.int(),
    name: z.string(),
    total: z.number().describe('各条目分值合计'),
    declaredTotal: z.number().describe('各项目规定分值合计'),
    notes: z.array(z.string()).describe('条目分值合计与规定分值不一致之处'),
  }),
  items: z.array(itemSchema),
  areas: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      declaredPoints: z.number().describe('规定分值'),
      itemsPoints: z.number().describe('各条目分值合计'),
      self: z.number().nullable(),
      assessor: z.number().nullable(),
    }),
  ),
  selfTotal: z.number().nullable(),
  assessorTotal: z.number().nullable(),
  vetoes: z.array(z.strictObject({ code: z.string(), text: z.string() })).describe('一票否决情形'),
  reasons: z.array(z.string()).describe('未达标的原因'),
  declaration: z
    .strictObject({
      onSiteItems: z.array(z.strictObject({ code: z.string(), standard: z.string() })).describe('标记须实地查看的条目'),
      note: z.string().nullable(),
      declaredBy: z.string().nullable(),
      declaredAt: timestamp,
    })
    .nullable()
    .describe('党(工)委的申报；尚未申报为 null'),
  verdict: z
    .strictObject({
      verdict: z.enum(['pass', 'fail']),
      label: z.string(),
      opinion: z.string().nullable(),
      onSiteChecks: z.array(z.strictObject({ itemCode: z.string(), checkedBy: z.string().describe('查看人'), checkedOn: z.string().describe('查看日期'), finding: z.string() })),
      verifiedBy: z.string().nullable(),
      verifiedAt: timestamp,
    })
    .nullable()
    .describe('区委组织部的验收、评定；尚未验收为 null'),
  openedAt: timestamp,
});

export const branchPageSchema = z.strictObject({
  campaign: z.strictObject({ id, year: z.int(), title: z.string() }),
  branch: z.strictObject({
    id,
    name: z.string(),
    domain: z.enum(BRANCH_DOMAINS).nullable(),
    domainLabel: z.string().nullable(),
    memberCount: z.int().nullable(),
    committee: ref.nullable().describe('所属党(工)委'),
  }),
  standing: z
    .strictObject({
      standing: z.enum(WUJIN_STANDINGS),
      label: z.string(),
      round: z.int().min(0),
      score: z.number().nullable().describe('最近一次验收的考核得分'),
      reasons: z.array(z.string()),
      failedOnce: z.boolean().describe('曾未达标'),
      objectionUpheld: z.boolean().describe('公示期间异议经核实成立'),
      compliantAt: timestamp.nullable(),
    })
    .nullable()
    .describe('党支部在本计划中的状态；未列入本计划为 null'),
  passThreshold: z.number().describe('合格线'),
  assessments: z.array(assessmentSchema).describe('各轮考核，先后为序'),
  rectification: z
    .strictObject({
      id,
      reasons: z.array(z.string()),
      dueAt: timestamp,
      status: z.enum(RECTIFICATION_STATUSES),
      statusLabel: z.string(),
      overdue: z.boolean().describe('已过整顿期限仍未了结'),
      submissions: z.int().min(0),
      measures: z.string().nullable(),
      evidence: z.string().nullable(),
      submittedAt: timestamp.nullable(),
      late: z.boolean().nullable().describe('逾期报送'),
      opinion: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: timestamp.nullable(),
      openedAt: timestamp,
    })
    .nullable()
    .describe('整顿；没有为 null'),
  brands: z
    .array(
      z.strictObject({
        id,
        version: z.int().min(1),
        name: z.string(),
        description: z.string(),
        evidence: z.string(),
        evidenceAttachments: z.array(attachmentLinkSchema).describe('报送时附上的佐证附件（图片、扫描件）'),
        status: z.enum(BRAND_STATUSES),
        statusLabel: z.string(),
        opinion: z.string().nullable(),
        filedAt: timestamp,
        decidedAt: timestamp.nullable(),
      }),
    )
    .describe('党建工作品牌的各版本，最新的在前'),
  obligations: z.array(z.strictObject({ code: obligationCode, title: z.string(), rubricItem: z.string(), ...obligationFigures })).describe('经常性工作的完成情况'),
  reElection: reElectionSchema,
});

export const complianceSchema = z.strictObject({
  organisationId: id,
  name: z.string(),
  compliant: z.boolean().describe('是否合格支部（可作为评选表彰的前提条件）'),
  standing: z.enum(WUJIN_STANDINGS).nullable(),
  standingLabel: z.string().nullable(),
  since: timestamp.nullable().describe('成为合格支部的时间'),
  campaign: z.strictObject({ id, title: z.string(), year: z.int() }).nullable().describe('所依据的（最近的）党支部规范化建设计划；未列入为 null'),
  label: z.string().describe('一句话说明'),
});

const at = EXAMPLE.at;
const obligation = { due: 4, onTime: 3, late: 1, missed: 0, open: 0 };
export const branchPageExample: z.infer<typeof branchPageSchema> = {
  campaign: { id: EXAMPLE.campaignId, year: 2016, title: '2016—2018年党支部规范化建设三年行动' },
  branch: { id: EXAMPLE.branchId, name: '湖塘镇马杭村党支部', domain: 'rural', domainLabel: '农村', memberCount: 46, committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' } },
  standing: { standing: 'compliant', label: '合格支部', round: 1, score: 92, reasons: [], failedOnce: false, objectionUpheld: false, compliantAt: at },
  passThreshold: 85,
  assessments: [
    {
      id: EXAMPLE.taskId,
      round: 1,
      status: 'completed',
      rubric: { code: 'wujin-branch-standardisation', version: 1, name: '武进区党支部规范化建设考核细则', total: 102, declaredTotal: 100, notes: ['“活动开展有序”规定分值30分，各条目分值合计32分；按印发的条目分值计分。'] },
      items: [
        {
          areaCode: 'C',
          areaName: '活动开展有序',
          code: 'C1',
          requirement: '落实“三会一课”制度',
          standard: '每三个月召开一次支部党员大会，内容形式、到会人数符合要求。',
          points: 2,
          self: 2,
          selfEvidence: '会议记录',
          selfEvidenceAttachments: [attachmentLinkExample],
          assessor: 2,
          assessorEvidence: null,
          obligation: { code: 'wujin_members_meeting', title: '支部党员大会', ...obligation },
        },
      ],
      areas: [{ code: 'C', name: '活动开展有序', declaredPoints: 30, itemsPoints: 32, self: 30, assessor: 29 }],
      selfTotal: 95,
      assessorTotal: 92,
      vetoes: [],
      reasons: [],
      declaration: { onSiteItems: [{ code: 'B9', standard: '规范党费收缴工作' }], note: '同意申报', declaredBy: '湖塘镇组织委员', declaredAt: at },
      verdict: { verdict: 'pass', label: '验收通过', opinion: null, onSiteChecks: [{ itemCode: 'B9', checkedBy: '王科长', checkedOn: '2017-06-20', finding: '台账齐全' }], verifiedBy: '区委组织部组织科', verifiedAt: at },
      openedAt: at,
    },
  ],
  rectification: null,
  brands: [{ id: EXAMPLE.noticeId, version: 1, name: '红色马杭', description: '党建引领乡村振兴', evidence: '活动照片', evidenceAttachments: [attachmentLinkExample], status: 'accepted', statusLabel: '已认定', opinion: null, filedAt: at, decidedAt: at }],
  obligations: [{ code: 'wujin_members_meeting', title: '支部党员大会', rubricItem: 'C1', ...obligation }],
  reElection: { termEndsOn: '2017-06-28', delays: [reElectionDelayExample] },
};

export const complianceExample: z.infer<typeof complianceSchema> = {
  organisationId: EXAMPLE.branchId,
  name: '湖塘镇马杭村党支部',
  compliant: true,
  standing: 'compliant',
  standingLabel: '合格支部',
  since: at,
  campaign: { id: EXAMPLE.campaignId, title: '2016—2018年党支部规范化建设三年行动', year: 2016 },
  label: '合格支部（2016—2018年党支部规范化建设三年行动，2026-03-02起）',
};
