import { SELECTION_RULE_LABELS, type SelectionCandidate, type SelectionRules, effectivePlaces, validateSelection } from './differential-selection';

/**
 * What a task asks for besides a decision and an opinion: an evaluation vote's
 * scores, a differential pick under the selection rules, or the rows of a plan.
 * The form travels in the task's input, so the rules that check an answer are
 * the rules the task was opened with.
 */
export type TaskForm =
  | { kind: 'scores'; candidates: Array<{ id: string; name: string }>; min: number; max: number }
  | { kind: 'selection'; candidates: SelectionCandidate[]; rules: SelectionRules; /** Every place must be filled (1:2 means exactly twice the allotment). */ exact?: boolean }
  | { kind: 'cultivation_plan'; years: number[]; minRowsPerYear: number }
  | { kind: 'mentoring_plan'; mentors: Array<{ id: string; name: string }>; minMenteesPerMentor: number; lastDeadline: string };

export interface ScoresData {
  /** 党员群众测评: the share of votes (0–100) or points per candidate. */
  scores: Record<string, number>;
  participants: number;
}
export interface SelectionData {
  chosen: string[];
  /** Why a priority candidate was left out. */
  reasons?: Record<string, string>;
}
export interface CultivationPlanData {
  rows: Array<{ year: number; branchName: string; measures: string }>;
}
export interface MentoringPlanData {
  rows: Array<{ mentorId: string; mentee: string; menteeGrade: string; goal: string; measures: string; deadline: string }>;
}

export interface FormRefusal {
  type: 'INVALID_FORM_DATA' | 'SELECTION_RULE_VIOLATED';
  message: string;
}

const invalid = (message: string): FormRefusal => ({ type: 'INVALID_FORM_DATA', message });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 500) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** Why the data does not answer the form, or null. */
export function refuseFormData(form: TaskForm, data: unknown): FormRefusal | null {
  if (!isRecord(data)) return invalid('请填写该任务要求的表单内容');
  switch (form.kind) {
    case 'scores': {
      const scores = data.scores;
      if (!isRecord(scores)) return invalid('测评结果须按候选对象逐一填写');
      const ids = form.candidates.map((c) => c.id);
      const missing = form.candidates.filter((c) => !(c.id in scores)).map((c) => c.name);
      if (missing.length) return invalid(`缺少以下对象的测评结果：${missing.join('、')}`);
      if (Object.keys(scores).some((id) => !ids.includes(id))) return invalid('测评结果中有不在候选名单中的对象');
      if (Object.values(scores).some((s) => typeof s !== 'number' || !Number.isFinite(s) || s < form.min || s > form.max)) {
        return invalid(`测评得分须在${form.min}到${form.max}之间`);
      }
      if (typeof data.participants !== 'number' || !Number.isInteger(data.participants) || data.participants < 1) return invalid('须填写参加测评的人数');
      return null;
    }
    case 'selection': {
      const chosen = data.chosen;
      if (!Array.isArray(chosen) || chosen.some((c) => typeof c !== 'string')) return invalid('须列出推荐的对象');
      const reasons = data.reasons === undefined ? {} : data.reasons;
      if (!isRecord(reasons) || Object.values(reasons).some((r) => typeof r !== 'string')) return invalid('未推荐理由须为文本');
      const violations = validateSelection(form.candidates, form.rules, chosen as string[], reasons as Record<string, string>);
      const places = effectivePlaces(form.rules);
      if (form.exact && chosen.length !== places && !violations.some((v) => v.rule === 'PLACES' || v.rule === 'CAP')) {
        violations.push({ rule: 'PLACES', message: `${SELECTION_RULE_LABELS.PLACES}：须按规定比例推荐${places}名，实际选择${chosen.length}名` });
      }
      return violations.length ? { type: 'SELECTION_RULE_VIOLATED', message: violations.map((v) => v.message).join('；') } : null;
    }
    case 'cultivation_plan': {
      const rows = data.rows;
      if (!Array.isArray(rows) || rows.length === 0) return invalid('培树计划至少填写一行');
      for (const r of rows) {
        if (!isRecord(r) || !form.years.includes(r.year as number) || !text(r.branchName, 100) || !text(r.measures, 1000)) {
          return invalid(`培树计划每行须填写年度（${form.years.join('、')}）、党支部名称和培树措施`);
        }
      }
      const short = form.years.filter((y) => rows.filter((r) => (r as { year: number }).year === y).length < form.minRowsPerYear);
      if (short.length) return invalid(`每年至少培树${form.minRowsPerYear}个党支部，${short.join('、')}年不足`);
      return null;
    }
    case 'mentoring_plan': {
      const rows = data.rows;
      if (!Array.isArray(rows) || rows.length === 0) return invalid('帮带工作配档表至少填写一行');
      const mentorIds = form.mentors.map((m) => m.id);
      for (const r of rows) {
        if (!isRecord(r) || !mentorIds.includes(r.mentorId as string)) return invalid('帮带党支部须是本单位命名的红旗党支部');
        if (!text(r.mentee, 100) || !text(r.menteeGrade, 20) || !text(r.goal) || !text(r.measures, 1000)) return invalid('每行须填写被帮带党支部、其现状等次、帮带目标和措施');
        if (typeof r.deadline !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.deadline) || r.deadline > form.lastDeadline) {
          return invalid(`完成时限须为不晚于${form.lastDeadline}的日期`);
        }
      }
      const short = form.mentors.filter((m) => rows.filter((r) => (r as { mentorId: string }).mentorId === m.id).length < form.minMenteesPerMentor);
      if (short.length) return invalid(`每个红旗党支部至少帮带${form.minMenteesPerMentor}个党支部：${short.map((m) => m.name).join('、')}不足`);
      return null;
    }
  }
}
