import { z } from 'zod';
import { type FormRefusal, attachmentIds, formKind, formText, invalidForm } from '../../../domain/src';
import { MEMBER_CASE_KINDS, MEMBER_CASE_KIND_LABELS, type MemberCaseKind } from './statuses';

/** Wujin's own forms: what a committee, a branch and the district organisation department fill in over the three years. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (label: string) => z.string().regex(ISO_DATE, `${label}格式应为 YYYY-MM-DD`);
const oneOf = (ids: readonly string[], message: string) => (ids.length ? z.enum(ids as [string, ...string[]], { error: message }) : z.never({ error: message }));

// 实施方案: a unit committee's implementation plan with its duties (明确职责任务).
export type ImplementationPlanForm = { kind: 'wujin_implementation_plan'; committeeName: string };
export interface ImplementationPlanData {
  summary: string;
  duties: Array<{ duty: string; owner: string; dueOn: string }>;
}
export const implementationPlanForm = formKind<ImplementationPlanForm, ImplementationPlanData>({
  kind: 'wujin_implementation_plan',
  label: '党支部规范化建设实施方案',
  schema: () =>
    z.strictObject({
      summary: formText('实施方案', 5000),
      duties: z
        .array(z.strictObject({ duty: formText('职责任务', 500), owner: formText('责任人或责任部门', 100), dueOn: isoDate('完成时限') }))
        .min(1, '实施方案须明确至少一项职责任务')
        .max(100)
        .describe('职责任务：每项写明内容、责任人和完成时限'),
    }),
});

// 失联、违法违纪党员: a committee's case list, each case closed with its outcome.
export type MemberCasesForm = { kind: 'wujin_member_cases'; committeeName: string };
export interface MemberCasesData {
  cases: Array<{ memberName: string; kind: MemberCaseKind; finding: string; outcome: string }>;
}
export const memberCasesForm = formKind<MemberCasesForm, MemberCasesData>({
  kind: 'wujin_member_cases',
  label: '“失联”党员和违法违纪党员处理清单',
  schema: () =>
    z.strictObject({
      cases: z
        .array(
          z.strictObject({
            memberName: formText('党员姓名', 50),
            kind: z.enum(MEMBER_CASE_KINDS, { error: `类别须为：${MEMBER_CASE_KINDS.map((k) => `${k}（${MEMBER_CASE_KIND_LABELS[k]}）`).join('、')}` }),
            finding: formText('排查情况', 1000),
            outcome: formText('处理结果', 1000),
          }),
        )
        .max(500)
        .describe('排查出的每名党员及其处理结果；未排查出的报送空清单'),
    }),
});

// 示范支部: a committee recommends, the district picks; the pick goes on notice.
export type ModelRecommendationForm = { kind: 'wujin_model_recommendation'; committeeName: string; branches: Array<{ id: string; name: string }>; max: number };
export interface ModelRecommendationData {
  branchIds: string[];
  reasons: string;
}
export const modelRecommendationForm = formKind<ModelRecommendationForm, ModelRecommendationData>({
  kind: 'wujin_model_recommendation',
  label: '示范支部推荐',
  schema: (f) =>
    z.strictObject({
      branchIds: z
        .array(oneOf(f.branches.map((b) => b.id), `只能推荐${f.committeeName}所属的党支部`))
        .max(f.max, `每个党(工)委最多推荐${f.max}个示范支部`)
        .describe(f.branches.map((b) => `${b.id}：${b.name}`).join('；')),
      reasons: formText('推荐理由', 2000),
    }),
  rules: (_f, data) => (new Set(data.branchIds).size !== data.branchIds.length ? invalidForm('同一党支部不能重复推荐') : null),
});

export type ModelSelectionForm = { kind: 'wujin_model_selection'; candidates: Array<{ id: string; name: string; committeeName: string }> };
export interface ModelSelectionData {
  chosen: string[];
}
export const modelSelectionForm = formKind<ModelSelectionForm, ModelSelectionData>({
  kind: 'wujin_model_selection',
  label: '示范支部评定',
  schema: (f) =>
    z.strictObject({
      chosen: z
        .array(oneOf(f.candidates.map((c) => c.id), '只能从各党(工)委推荐的党支部中评定'))
        .describe(f.candidates.map((c) => `${c.id}：${c.name}（${c.committeeName}推荐）`).join('；')),
    }),
  rules: (_f, data) => (new Set(data.chosen).size !== data.chosen.length ? invalidForm('同一党支部不能重复评定') : null),
});

// 申报: the committee declares its scored branch to the district, marking what must be checked on site.
export type DeclarationForm = { kind: 'wujin_declaration'; branchName: string; assessorTotal: number; items: Array<{ code: string; standard: string }> };
export interface DeclarationData {
  onSiteItems: string[];
  note: string;
}
export const declarationForm = formKind<DeclarationForm, DeclarationData>({
  kind: 'wujin_declaration',
  label: '考核申报（标记须实地查看的项目）',
  schema: (f) =>
    z.strictObject({
      onSiteItems: z
        .array(oneOf(f.items.map((i) => i.code), '只能标记考核细则中的条目'))
        .max(f.items.length)
        .describe(`线上不便展示、须实地查看的条目（如阵地建设、台账）：${f.items.map((i) => `${i.code}：${i.standard}`).join('；')}`),
      note: z.string().trim().max(2000, '申报说明不能超过2000个字').describe('申报说明'),
    }),
  rules: (_f, data) => (new Set(data.onSiteItems).size !== data.onSiteItems.length ? invalidForm('同一条目不能重复标记') : null),
});

// 验收、评定: the district's verdict; every item marked for on-site checking records who checked it and when.
export type VerificationForm = {
  kind: 'wujin_verification';
  branchName: string;
  assessorTotal: number;
  passThreshold: number;
  vetoes: string[];
  onSiteItems: Array<{ code: string; standard: string }>;
};
export interface VerificationData {
  onSiteChecks: Array<{ itemCode: string; checkedBy: string; checkedOn: string; finding: string }>;
}
export const verificationForm = formKind<VerificationForm, VerificationData>({
  kind: 'wujin_verification',
  label: '验收评定（实地查看记录）',
  schema: (f) =>
    z.strictObject({
      onSiteChecks: z
        .array(
          z.strictObject({
            itemCode: oneOf(f.onSiteItems.map((i) => i.code), '只记录申报时标记须实地查看的条目'),
            checkedBy: formText('查看人', 50),
            checkedOn: isoDate('查看日期'),
            finding: formText('查看情况', 1000),
          }),
        )
        .describe(f.onSiteItems.length ? `须实地查看：${f.onSiteItems.map((i) => `${i.code}：${i.standard}`).join('；')}` : '无须实地查看的条目'),
    }),
  rules: (f, data): FormRefusal | null => {
    if (f.vetoes.length) return invalidForm(`${f.branchName}存在一票否决情形（${f.vetoes.join('；')}），不能评定为合格`);
    if (f.assessorTotal < f.passThreshold) return invalidForm(`${f.branchName}考核得分${f.assessorTotal}分，低于${f.passThreshold}分，不能评定为合格`);
    const checked = new Set(data.onSiteChecks.map((c) => c.itemCode));
    const missing = f.onSiteItems.filter((i) => !checked.has(i.code));
    return missing.length ? invalidForm(`以下条目须实地查看并记录查看人和日期：${missing.map((i) => i.code).join('、')}`) : null;
  },
});

// 整顿: a failed branch's rectification report.
export type RectificationForm = { kind: 'wujin_rectification'; branchName: string; reasons: string[] };
export interface RectificationData {
  measures: string;
  evidence: string;
}
export const rectificationForm = formKind<RectificationForm, RectificationData>({
  kind: 'wujin_rectification',
  label: '整顿情况报告',
  schema: (f) =>
    z.strictObject({
      measures: formText('整顿措施', 5000).describe(`针对：${f.reasons.join('；')}`),
      evidence: formText('佐证材料（文字说明、图片附件名）', 5000),
    }),
});

// 党建品牌: a branch's own brand, accepted by its committee.
export type BrandForm = { kind: 'wujin_brand'; branchName: string };
export interface BrandData {
  name: string;
  description: string;
  evidence: string;
  /** Pictures and scans uploaded to the filing task. */
  evidenceAttachments?: string[];
}
export const brandForm = formKind<BrandForm, BrandData>({
  kind: 'wujin_brand',
  label: '党建工作品牌',
  schema: () =>
    z.strictObject({
      name: formText('品牌名称', 100),
      description: formText('品牌内涵', 3000),
      evidence: formText('佐证材料（文字说明）', 3000),
      evidenceAttachments: attachmentIds('佐证附件（图片、扫描件）').optional(),
    }),
});

export const WUJIN_FORMS = [
  implementationPlanForm,
  memberCasesForm,
  modelRecommendationForm,
  modelSelectionForm,
  declarationForm,
  verificationForm,
  rectificationForm,
  brandForm,
] as const;
