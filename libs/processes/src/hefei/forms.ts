import { z } from 'zod';
import { type FormRefusal, formKind, formText, invalidForm } from '../../../domain/src';
import { type GradingStandard, checkGradingStandard } from './rubric';
import { betterGrade, refuseFirstGrading } from './rules';
import { FIVE_BASICS, FIVE_BASIC_LABELS, HEFEI_GRADES, HEFEI_GRADE_LABELS, type FiveBasic, type HefeiGrade } from './statuses';

/** Hefei's own forms: what a committee, the bureau committee and the political department fill in over the year. */


const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// 分类定级标准: a committee's own standard, drafted from the one it is shown (Pennant's default, or its last version).
export type GradingStandardForm = { kind: 'hefei_standard'; committeeName: string; draft: GradingStandard };
export interface GradingStandardData {
  standard: GradingStandard;
}

const standardSchema = z.strictObject({
  code: z.string().min(1).max(100),
  version: z.number().int().min(1),
  name: formText('标准名称', 200),
  isDefault: z.boolean(),
  note: z.string().max(2000),
  passThreshold: z.number().min(0),
  requiresCleanNotice: z.boolean(),
  gradeThresholds: z.strictObject({ A: z.number().min(0), B: z.number().min(0), C: z.number().min(0) }),
  vetoItems: z.array(z.strictObject({ code: formText('一票否决编号', 50), text: formText('一票否决情形', 500) })).max(20),
  areas: z
    .array(
      z.strictObject({
        code: z.enum(FIVE_BASICS, { error: `方面须为：${FIVE_BASICS.map((b) => `${b}（${FIVE_BASIC_LABELS[b]}）`).join('、')}` }),
        name: formText('方面名称', 50),
        declaredPoints: z.number().min(0),
        items: z
          .array(z.strictObject({ code: formText('条目编号', 20), requirement: formText('考核内容', 200), standard: formText('考核标准', 1000), points: z.number().gt(0).max(100) }))
          .min(1)
          .max(50),
      }),
    )
    .min(1)
    .max(10),
});

export const gradingStandardForm = formKind<GradingStandardForm, GradingStandardData>({
  kind: 'hefei_standard',
  label: '党支部分类定级标准（报局政治部备案）',
  schema: () => z.strictObject({ standard: standardSchema.describe('本党委的分类定级标准：五个基本方面的考核条目、分值、一票否决情形和各等次分数线') }) as unknown as z.ZodType<GradingStandardData>,
  rules: (f, data) => {
    const problems = checkGradingStandard({ ...data.standard, isDefault: false });
    return problems.length ? invalidForm(`${f.committeeName}的分类定级标准不能备案：${problems.join('；')}`) : null;
  },
});

// 专项督查: the bureau committee's half-yearly inspection of one committee, its progress meeting, and the problems found.
export type SpecialInspectionForm = { kind: 'hefei_special_inspection'; committeeName: string; branches: Array<{ id: string; name: string }>; half: 1 | 2 };
export interface SpecialInspectionData {
  summary: string;
  meeting: { heldOn: string; notes: string };
  problems: Array<{ branchId: string; dimension: FiveBasic; problem: string }>;
}

export const specialInspectionForm = formKind<SpecialInspectionForm, SpecialInspectionData>({
  kind: 'hefei_special_inspection',
  label: '专项督查情况及推进会',
  schema: (f) =>
    z.strictObject({
      summary: formText('督查情况', 5000),
      meeting: z.strictObject({ heldOn: z.string().regex(ISO_DATE, '推进会日期格式应为 YYYY-MM-DD'), notes: formText('推进会情况', 2000) }).describe('督查后召开的推进会'),
      problems: z
        .array(
          z.strictObject({
            branchId: z.enum(f.branches.map((b) => b.id) as [string, ...string[]], { error: `问题须落到${f.committeeName}所属党支部` }).describe(f.branches.map((b) => `${b.id}：${b.name}`).join('；')),
            dimension: z.enum(FIVE_BASICS, { error: `问题所属方面须为：${FIVE_BASICS.map((b) => `${b}（${FIVE_BASIC_LABELS[b]}）`).join('、')}` }),
            problem: formText('发现的问题', 1000),
          }),
        )
        .max(200)
        .describe('发现的问题，每项形成一项整改任务'),
    }),
});

// 结果评定: the committee grades every branch it accepted, never above what the score earns, A under the cap on a first grading.
export type GradingForm = {
  kind: 'hefei_grades';
  committeeName: string;
  /** The share of A grades a first grading may give. */
  aGradeCap: number;
  /** `firstGrading`: never graded before, so counted against the A cap (首次定级). */
  branches: Array<{ id: string; name: string; earned: HefeiGrade; assessorTotal: number; firstGrading: boolean }>;
};
export interface GradingData {
  grades: Array<{ branchId: string; grade: HefeiGrade; reason?: string }>;
}

export const gradingForm = formKind<GradingForm, GradingData>({
  kind: 'hefei_grades',
  label: '党支部分类定级结果',
  schema: (f) =>
    z.strictObject({
      grades: z
        .array(
          z.strictObject({
            branchId: z.enum(f.branches.map((b) => b.id) as [string, ...string[]], { error: '只能评定本次考核验收的党支部' }),
            grade: z.enum(HEFEI_GRADES, { error: `等次须为：${HEFEI_GRADES.map((g) => `${g}（${HEFEI_GRADE_LABELS[g]}）`).join('、')}` }),
            reason: z.string().trim().max(500, '理由不能超过500个字').optional(),
          }),
        )
        .describe(f.branches.map((b) => `${b.id}：${b.name}，考核得分${b.assessorTotal}，按分数可评${b.earned}级`).join('；')),
    }),
  rules: (f, data): FormRefusal | null => {
    const given = new Map(data.grades.map((g) => [g.branchId, g]));
    const missing = f.branches.filter((b) => !given.has(b.id));
    if (missing.length || given.size !== data.grades.length) return invalidForm(`须对每个党支部评定一次等次，尚未评定：${missing.map((b) => b.name).join('、') || '（有重复）'}`);
    const above = f.branches.filter((b) => betterGrade(given.get(b.id)!.grade, b.earned));
    if (above.length) return invalidForm(`评定等次不能高于考核得分所对应的等次：${above.map((b) => `${b.name}（按分数可评${b.earned}级）`).join('、')}`);
    const lowered = f.branches.filter((b) => given.get(b.id)!.grade !== b.earned && !given.get(b.id)!.reason?.trim());
    if (lowered.length) return invalidForm(`低于得分所对应等次评定的，须说明理由：${lowered.map((b) => b.name).join('、')}`);
    const first = f.branches.filter((b) => b.firstGrading).map((b) => given.get(b.id)!.grade);
    if (!first.length) return null;
    const refusal = refuseFirstGrading(f.committeeName, first, f.aGradeCap);
    return refusal ? { type: 'A_GRADE_CAP', message: refusal.message } : null;
  },
});

// 结对指导: a partner unit for a branch graded below standard.
export type PairingForm = { kind: 'hefei_pairing'; branchName: string };
export interface PairingData {
  partner: string;
  partnerOrganisationId?: string;
  plan: string;
}

export const pairingForm = formKind<PairingForm, PairingData>({
  kind: 'hefei_pairing',
  label: '结对指导',
  schema: () =>
    z.strictObject({
      partner: formText('结对帮扶单位', 100),
      partnerOrganisationId: z.guid({ error: '结对单位编号格式不正确' }).optional().describe('结对单位在组织树中时的编号'),
      plan: formText('帮扶计划', 2000),
    }),
});

export const HEFEI_FORMS = [gradingStandardForm, specialInspectionForm, gradingForm, pairingForm] as const;
