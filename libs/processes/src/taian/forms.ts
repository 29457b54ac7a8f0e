import { z } from 'zod';
import { formKind, formText, invalidForm } from '../../../domain/src';

/** Tai'an's plan forms: what the city-managed committees file once their branches are named. */


const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// 附件2: the three-year cultivation plan, at least so many branches a year.
export type CultivationPlanForm = { kind: 'cultivation_plan'; years: number[]; minRowsPerYear: number };
export interface CultivationPlanData {
  rows: Array<{ year: number; branchName: string; measures: string }>;
}

export const cultivationPlanForm = formKind<CultivationPlanForm, CultivationPlanData>({
  kind: 'cultivation_plan',
  label: '红旗党支部三年培树计划（附件2）',
  schema: (f) =>
    z.strictObject({
      rows: z
        .array(
          z.strictObject({
            year: z.literal(f.years, { error: `年度须为${f.years.join('、')}之一` }).describe('年度'),
            branchName: formText('党支部名称', 100),
            measures: formText('培树措施', 1000),
          }),
          { error: '培树计划须逐行填写' },
        )
        .min(1, '培树计划至少填写一行'),
    }),
  rules: (f, data) => {
    const short = f.years.filter((y) => data.rows.filter((r) => r.year === y).length < f.minRowsPerYear);
    return short.length ? invalidForm(`每年至少培树${f.minRowsPerYear}个党支部，${short.join('、')}年不足`) : null;
  },
});

// 附件4: the mentoring table, each named branch mentoring about so many others by a date.
export type MentoringPlanForm = { kind: 'mentoring_plan'; mentors: Array<{ id: string; name: string }>; minMenteesPerMentor: number; lastDeadline: string };
export interface MentoringPlanData {
  rows: Array<{ mentorId: string; mentee: string; menteeGrade: string; goal: string; measures: string; deadline: string }>;
}

export const mentoringPlanForm = formKind<MentoringPlanForm, MentoringPlanData>({
  kind: 'mentoring_plan',
  label: '帮带工作配档表（附件4）',
  schema: (f) => {
    const ids = f.mentors.map((m) => m.id);
    const mentor = '帮带党支部须是本单位命名的红旗党支部';
    const deadline = `完成时限须为不晚于${f.lastDeadline}的日期`;
    return z.strictObject({
      rows: z
        .array(
          z.strictObject({
            mentorId: (ids.length ? z.enum(ids as [string, ...string[]], { error: mentor }) : z.never({ error: mentor })).describe('帮带的红旗党支部'),
            mentee: formText('被帮带党支部', 100),
            menteeGrade: formText('被帮带党支部的现状等次', 20),
            goal: formText('帮带目标', 500),
            measures: formText('帮带措施', 1000),
            deadline: z
              .string({ error: deadline })
              .regex(ISO_DATE, deadline)
              .refine((d) => d <= f.lastDeadline, deadline)
              .describe(`完成时限（不晚于${f.lastDeadline}）`),
          }),
          { error: '帮带工作配档表须逐行填写' },
        )
        .min(1, '帮带工作配档表至少填写一行'),
    });
  },
  rules: (f, data) => {
    const short = f.mentors.filter((m) => data.rows.filter((r) => r.mentorId === m.id).length < f.minMenteesPerMentor);
    return short.length ? invalidForm(`每个红旗党支部至少帮带${f.minMenteesPerMentor}个党支部：${short.map((m) => m.name).join('、')}不足`) : null;
  },
});

// 考察: the city-managed committee's inspection, one record per candidate — who went, on which day, what they found.
export type InspectionForm = { kind: 'inspection'; candidates: Array<{ id: string; name: string }>; year: number };
export interface InspectionData {
  records: Array<{ candidateId: string; inspectors: string; inspectedOn: string; findings: string }>;
}

export const inspectionForm = formKind<InspectionForm, InspectionData>({
  kind: 'inspection',
  label: '考察情况',
  schema: (f) => {
    const ids = f.candidates.map((c) => c.id);
    const candidate = '考察对象须是本单位的候选党支部';
    const day = `考察日期须为${f.year}年内的日期（YYYY-MM-DD）`;
    return z.strictObject({
      records: z
        .array(
          z.strictObject({
            candidateId: (ids.length ? z.enum(ids as [string, ...string[]], { error: candidate }) : z.never({ error: candidate })).describe('考察的候选党支部'),
            inspectors: formText('考察组成员', 200),
            inspectedOn: z
              .string({ error: day })
              .regex(ISO_DATE, day)
              .refine((d) => d.startsWith(`${f.year}-`) && !Number.isNaN(Date.parse(d)), day)
              .describe('考察日期'),
            findings: formText('考察情况（查阅资料、座谈交流、党员群众测评的结论）', 2000),
          }),
          { error: '考察情况须逐个候选对象填写' },
        )
        .min(1, '考察情况须逐个候选对象填写'),
    });
  },
  rules: (f, data) => {
    const seen = new Set<string>();
    const twice = data.records.filter((r) => seen.has(r.candidateId) || !seen.add(r.candidateId));
    if (twice.length) return invalidForm(`每个候选对象只填写一条考察记录：${names(f, twice.map((r) => r.candidateId))}重复`);
    const missing = f.candidates.filter((c) => !seen.has(c.id));
    return missing.length ? invalidForm(`以下候选对象尚未填写考察情况：${missing.map((c) => c.name).join('、')}`) : null;
  },
});

const names = (f: InspectionForm, ids: string[]) => f.candidates.filter((c) => ids.includes(c.id)).map((c) => c.name).join('、');

// 抽查暗访: the organisation department checks named branches; a title is kept or withdrawn, withdrawal with its reason.
export const SPOT_CHECK_VERDICTS = ['kept', 'withdrawn'] as const;
export type SpotCheckForm = { kind: 'spot_check'; branches: Array<{ id: string; name: string }>; period: string };
export interface SpotCheckData {
  checks: Array<{ itemId: string; findings: string; verdict: (typeof SPOT_CHECK_VERDICTS)[number]; reason?: string }>;
}

export const spotCheckForm = formKind<SpotCheckForm, SpotCheckData>({
  kind: 'spot_check',
  label: '红旗党支部抽查暗访情况',
  schema: (f) => {
    const ids = f.branches.map((b) => b.id);
    const branch = '抽查对象须是仍保有称号的红旗党支部';
    return z.strictObject({
      checks: z
        .array(
          z.strictObject({
            itemId: (ids.length ? z.enum(ids as [string, ...string[]], { error: branch }) : z.never({ error: branch })).describe('抽查的红旗党支部'),
            findings: formText('抽查发现的情况', 2000),
            verdict: z.enum(SPOT_CHECK_VERDICTS, { error: '处理结果须为 kept（保留称号）或 withdrawn（取消称号）' }).describe('kept：保留称号；withdrawn：取消称号'),
            reason: z.string({ error: '取消称号的理由须为文本' }).trim().max(1000, '取消称号的理由不能超过1000个字').optional().describe('取消称号的理由（取消时必填）'),
          }),
          { error: '须逐个填写抽查情况' },
        )
        .min(1, `${f.period}至少抽查一个红旗党支部`),
    });
  },
  rules: (f, data) => {
    const seen = new Set<string>();
    if (data.checks.some((c) => seen.has(c.itemId) || !seen.add(c.itemId))) return invalidForm('同一党支部只填写一条抽查记录');
    const bare = data.checks.filter((c) => c.verdict === 'withdrawn' && !c.reason);
    return bare.length ? invalidForm(`取消称号须说明理由：${f.branches.filter((b) => bare.some((c) => c.itemId === b.id)).map((b) => b.name).join('、')}`) : null;
  },
});

/** Every form Tai'an's tasks carry besides the engine's own. */
export const TAIAN_FORMS = [cultivationPlanForm, mentoringPlanForm, inspectionForm, spotCheckForm] as const;
