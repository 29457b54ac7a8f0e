import { z } from 'zod';
import { CONSULTATION_ANSWERS, CONSULTATION_ANSWER_LABELS, type ConsultationAnswer } from './consultation';
import { SELECTION_RULE_LABELS, type SelectionCandidate, type SelectionRules, effectivePlaces, validateSelection } from './differential-selection';
import { attachmentIds } from './form-attachments';
import { MAX_RECORDS_AT_ONCE } from './obligations';
import type { Rubric } from './rubric';
import { FormRegistry, formKind, invalidForm } from './task-forms';

/** The engine's own form kinds: any process may put them on its tasks. */

/** A required text field of a form: trimmed, not blank, at most `max` characters, each refusal in Chinese naming the field. */
export const formText = (label: string, max: number) =>
  z
    .string({ error: `${label}须为文本` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);

/** A set of ids as a JSON Schema enum (a client offers exactly these); never matches when there are none. */
const oneOf = (ids: readonly string[], message: string) => (ids.length ? z.enum(ids as [string, ...string[]], { error: message }) : z.never({ error: message }));

// 党员群众测评: a score per candidate and how many took part.
export type ScoresForm = { kind: 'scores'; candidates: Array<{ id: string; name: string }>; min: number; max: number };
export interface ScoresData {
  /** The share of votes (0–100) or points per candidate. */
  scores: Record<string, number>;
  participants: number;
}

export const scoresForm = formKind<ScoresForm, ScoresData>({
  kind: 'scores',
  label: '测评结果',
  schema: (f) => {
    const range = `测评得分须在${f.min}到${f.max}之间`;
    const perCandidate = Object.fromEntries(
      f.candidates.map((c) => [
        c.id,
        z
          .number({ error: (i) => (i.input === undefined ? `缺少以下对象的测评结果：${c.name}` : `${c.name}的测评得分须为数字`) })
          .min(f.min, range)
          .max(f.max, range)
          .describe(c.name),
      ]),
    );
    return z.strictObject({
      scores: z
        .strictObject(perCandidate, { error: (i) => (i.code === 'unrecognized_keys' ? '测评结果中有不在候选名单中的对象' : '测评结果须按候选对象逐一填写') })
        .describe('每个候选对象的测评得分'),
      participants: z.int({ error: '须填写参加测评的人数' }).min(1, '须填写参加测评的人数').describe('参加测评的人数'),
    }) as unknown as z.ZodType<ScoresData>;
  },
});

// 差额遴选: a pick under the selection rules, with reasons for priority candidates left out.
export type SelectionForm = {
  kind: 'selection';
  candidates: SelectionCandidate[];
  rules: SelectionRules;
  /** Every place must be filled (1:2 means exactly twice the allotment). */
  exact?: boolean;
  /** At least so many must be chosen (a list the next pick draws from). */
  atLeast?: number;
};
export interface SelectionData {
  chosen: string[];
  /** Why a priority candidate was left out. */
  reasons?: Record<string, string>;
  /** Why the pick goes over a cap that admits exceptions ("原则上不超过10%"): kept on the decision and in its audit row. */
  capException?: string;
}

export const selectionForm = formKind<SelectionForm, SelectionData>({
  kind: 'selection',
  label: '差额遴选',
  schema: (f) =>
    z.strictObject({
      chosen: z
        .array(oneOf(f.candidates.map((c) => c.id), `${SELECTION_RULE_LABELS.UNKNOWN_CANDIDATE}：所选对象不在候选名单中`), { error: '须列出推荐的对象' })
        .describe('推荐的对象'),
      reasons: z.record(z.string(), z.string({ error: '未推荐理由须为文本' }).max(1000), { error: '未推荐理由须为对象' }).optional().describe('未推荐获省级以上表彰对象的理由'),
      capException: z
        .string({ error: '超出比例上限的理由须为文本' })
        .trim()
        .max(1000, '超出比例上限的理由不能超过1000个字')
        .optional()
        .describe('上报数超过所辖党支部10%（原则上的上限）时，须说明的理由；未超出时不填'),
    }),
  rules: (f, data) => {
    const violations = validateSelection(f.candidates, f.rules, data.chosen, data.reasons ?? {}, data.capException);
    const places = effectivePlaces(f.rules);
    if (f.exact && data.chosen.length !== places && !violations.some((v) => v.rule === 'PLACES' || v.rule === 'CAP')) {
      violations.push({ rule: 'PLACES', message: `${SELECTION_RULE_LABELS.PLACES}：须按规定比例推荐${places}名，实际选择${data.chosen.length}名` });
    }
    if (f.atLeast !== undefined && data.chosen.length < f.atLeast) {
      violations.push({ rule: 'PLACES', message: `${SELECTION_RULE_LABELS.PLACES}：至少选择${f.atLeast}名，实际选择${data.chosen.length}名` });
    }
    return violations.length ? { type: 'SELECTION_RULE_VIOLATED', message: violations.map((v) => v.message).join('；') } : null;
  },
});

// 完成佐证: what shows an obligation was met (meeting minutes, photos described).
export type EvidenceForm = { kind: 'evidence' };
export interface EvidenceData {
  evidence: string;
}

export const evidenceForm = formKind<EvidenceForm, EvidenceData>({
  kind: 'evidence',
  label: '完成情况佐证',
  schema: () => z.strictObject({ evidence: formText('完成情况的佐证材料（会议记录、照片说明等）', 2000).describe('完成情况的佐证材料') }),
});

// 活动记录: one record of a counted obligation (a meeting held, a talk, hours of training): date, attendees, minutes or evidence;
// `more`: the period's other records entered at the same time (a secretary catching up on a month), each counted in turn.
export type ObligationRecordForm = { kind: 'obligation_record'; unit: 'times' | 'hours'; min: number; max?: number; periodStart: string; dueDate: string };
export interface ObligationRecordEntry {
  date: string;
  attendees: string;
  minutes: string;
  hours?: number;
}
export interface ObligationRecordData extends ObligationRecordEntry {
  more?: ObligationRecordEntry[];
}

/** The records a counted decision carries, in the order they are counted. */
export const recordEntries = ({ more, ...first }: ObligationRecordData): ObligationRecordEntry[] => [first, ...(more ?? [])];

const recordEntrySchema = (f: ObligationRecordForm) => ({
  date: z.iso.date({ error: '活动日期须为YYYY-MM-DD格式的日期' }).describe('活动日期'),
  attendees: formText('参加人员', 2000).describe('参加人员'),
  minutes: formText('会议记录或佐证材料', 4000).describe('会议记录或佐证材料'),
  ...(f.unit === 'hours'
    ? { hours: z.number({ error: '须填写本次学时数' }).positive('学时数须大于0').max(200, '单次学时数不能超过200').describe('本次学时数') }
    : {}),
});

export const obligationRecordForm = formKind<ObligationRecordForm, ObligationRecordData>({
  kind: 'obligation_record',
  label: '活动记录',
  schema: (f) =>
    z.strictObject({
      ...recordEntrySchema(f),
      more: z
        .array(z.strictObject(recordEntrySchema(f)), { error: '其他活动记录须为列表' })
        .max(MAX_RECORDS_AT_ONCE - 1, `一次最多登记${MAX_RECORDS_AT_ONCE}条活动记录`)
        .optional()
        .describe('本期其他活动记录（一并登记，可不填）'),
    }) as unknown as z.ZodType<ObligationRecordData>,
  rules: (f, data) => (recordEntries(data).some((r) => r.date < f.periodStart) ? invalidForm(`活动日期不能早于本期开始日期${f.periodStart}`) : null),
});

// 征求意见答复: each candidate the agency is asked about, no objection / objection / veto, with reasons.
export type ConsultationForm = { kind: 'consultation'; candidates: Array<{ id: string; name: string }> };
export interface ConsultationData {
  answers: Array<{ candidateId: string; answer: ConsultationAnswer; reason: string }>;
}

export const consultationForm = formKind<ConsultationForm, ConsultationData>({
  kind: 'consultation',
  label: '征求意见答复',
  schema: (f) =>
    z.strictObject({
      answers: z
        .array(
          z.strictObject({
            candidateId: oneOf(f.candidates.map((c) => c.id), '答复的对象不在征求意见名单中'),
            answer: z.enum(CONSULTATION_ANSWERS, { error: '答复须为 no_objection（无异议）、objection（有异议）或 veto（一票否决）' }).describe(
              CONSULTATION_ANSWERS.map((a) => `${a}：${CONSULTATION_ANSWER_LABELS[a]}`).join('；'),
            ),
            reason: z.string({ error: '理由须为文本' }).trim().max(2000, '理由不能超过2000个字').default(''),
          }),
          { error: '须逐一答复征求意见的对象' },
        )
        .min(1, '须对每一个征求意见对象作出答复'),
    }) as unknown as z.ZodType<ConsultationData>,
  rules: (f, data) => {
    const asked = f.candidates.map((c) => c.id).sort();
    const given = data.answers.map((a) => a.candidateId).sort();
    if (asked.length !== given.length || asked.some((id, i) => id !== given[i])) return invalidForm('须对征求意见的每一个对象逐一答复，且不能答复名单以外的对象');
    const unexplained = data.answers.filter((a) => a.answer !== 'no_objection' && !a.reason.trim());
    if (unexplained.length) {
      const names = unexplained.map((a) => f.candidates.find((c) => c.id === a.candidateId)?.name ?? a.candidateId);
      return invalidForm(`有异议或一票否决时必须说明理由：${names.join('、')}`);
    }
    return null;
  },
});

// 考核评分: a score per rubric item (with evidence); the assessor also names veto items.
export type RubricScoresForm = {
  kind: 'rubric_scores';
  rubric: Pick<Rubric, 'code' | 'version' | 'name' | 'areas' | 'vetoItems' | 'passThreshold'>;
  /** The assessor's sheet: veto items and an upheld objection may be named. */
  vetoes: boolean;
};
export interface RubricScoresData {
  /** The self sheet's items may also name pictures and scans uploaded to the task (evidenceAttachments). */
  scores: Record<string, { score: number; evidence?: string; evidenceAttachments?: string[] }>;
  vetoes?: string[];
  upheldObjection?: boolean;
}

export const rubricScoresForm = formKind<RubricScoresForm, RubricScoresData>({
  kind: 'rubric_scores',
  label: '考核评分',
  schema: (f) => {
    const items = f.rubric.areas.flatMap((a) => a.items);
    const perItem = Object.fromEntries(
      items.map((i) => {
        const range = `条目 ${i.code} 的得分须在0至${i.points}分之间（可到0.5分）`;
        return [
          i.code,
          z
            .strictObject(
              {
                score: z.number({ error: range }).min(0, range).max(i.points, range).multipleOf(0.5, range),
                evidence: z.string({ error: '佐证须为文本' }).max(2000, '佐证不能超过2000个字').optional(),
                // The branch shows its evidence as files too; the assessor's sheet judges it.
                ...(f.vetoes ? {} : { evidenceAttachments: attachmentIds('佐证附件（图片、扫描件）').optional() }),
              },
              { error: (iss) => (iss.input === undefined ? `条目 ${i.code} 尚未评分` : undefined) },
            )
            .describe(`${i.requirement}（${i.points}分）`),
        ];
      }),
    );
    return z.strictObject({
      scores: z.strictObject(perItem, { error: (i) => (i.code === 'unrecognized_keys' ? '评分中有考核细则以外的条目' : '须按考核细则逐项评分') }),
      ...(f.vetoes
        ? {
            vetoes: z
              .array(oneOf(f.rubric.vetoItems.map((v) => v.code), '一票否决情形须为考核细则所列之一'))
              .default([])
              .describe(f.rubric.vetoItems.map((v) => `${v.code}：${v.text}`).join('；') || '一票否决情形'),
            upheldObjection: z.boolean({ error: '须说明公示期间是否有异议经核实成立' }).optional().describe('公示期间是否有异议经核实成立'),
          }
        : {}),
    }) as unknown as z.ZodType<RubricScoresData>;
  },
});

// 审批时剔除: a deciding body strikes items off a list it is asked to approve, each with its reason.
export type StrikeForm = { kind: 'strike'; items: Array<{ id: string; name: string }> };
export interface StrikeData {
  struck: Array<{ itemId: string; reason: string }>;
}

export const strikeForm = formKind<StrikeForm, StrikeData>({
  kind: 'strike',
  label: '剔除名单中的对象',
  schema: (f) =>
    z.strictObject({
      struck: z
        .array(
          z.strictObject({
            itemId: oneOf(f.items.map((i) => i.id), '剔除的对象须在报批名单中').describe('剔除的对象'),
            reason: formText('剔除理由', 1000),
          }),
          { error: '须列出剔除的对象及理由' },
        )
        .min(1, '须至少剔除一个对象；同意全部名单请选择“approved”')
        .describe('剔除的对象及理由'),
    }),
  rules: (_f, data) => {
    const ids = data.struck.map((s) => s.itemId);
    return new Set(ids).size !== ids.length ? invalidForm('同一对象只能剔除一次') : null;
  },
});

export const ENGINE_FORMS = [scoresForm, selectionForm, evidenceForm, consultationForm, rubricScoresForm, strikeForm, obligationRecordForm] as const;

/** The engine's forms alone; the forms index adds every process's. */
export const ENGINE_FORM_REGISTRY = new FormRegistry(ENGINE_FORMS);
