import { z } from 'zod';
import {
  ENGINE_FORMS,
  type FormKind,
  FormRegistry,
  type ConsultationForm,
  type EvidenceForm,
  type RubricScoresForm,
  type TaskForm,
  formKind,
  rubricItems,
} from '../../libs/domain/src';
import { WUJIN_RUBRIC } from '../../libs/persistence/src';
import { PROCESSES, TASK_FORMS } from '../../libs/processes/src';
import type { CultivationPlanForm, MentoringPlanForm } from '../../libs/processes/src/taian';
import { HEFEI_DEFAULT_STANDARD } from '../../libs/processes/src/hefei';

const CHINESE = /[\u4e00-\u9fff]/;

describe('task forms: one registry of the engine\'s kinds and every process\'s', () => {
  it('holds every process\'s declared forms besides the engine\'s, and nothing undeclared', () => {
    const declared = PROCESSES.flatMap((p) => (p.forms ?? []).map((f) => f.kind));
    const engine = ENGINE_FORMS.map((f) => f.kind);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.filter((k) => engine.includes(k))).toEqual([]);
    expect(TASK_FORMS.kinds.map((k) => k.kind).sort()).toEqual([...engine, ...declared].sort());
    for (const p of PROCESSES) for (const f of p.forms ?? []) expect(TASK_FORMS.get(f.kind)).toBe(f);
  });

  it('refuses a kind registered twice, and answers for a kind nobody registered', () => {
    const again = formKind<EvidenceForm, unknown>({ kind: 'evidence', label: '再一次', schema: () => z.unknown() });
    expect(() => new FormRegistry([...ENGINE_FORMS, again])).toThrow(/evidence registered twice/);
    expect(TASK_FORMS.refuse({ kind: 'nonsense' }, {})).toEqual({ type: 'INVALID_FORM_DATA', message: '无法识别的表单类型：nonsense' });
    expect(TASK_FORMS.schema({ kind: 'nonsense' })).toBeUndefined();
  });

  const samples: TaskForm[] = [
    { kind: 'scores', candidates: [{ id: 'x', name: '甲' }], min: 0, max: 100 },
    { kind: 'selection', candidates: [{ id: 'x', name: '甲', score: 1 }, { id: 'y', name: '乙', score: 2 }], rules: { places: 1, minRatio: 2 } },
    { kind: 'evidence' },
    { kind: 'consultation', candidates: [{ id: 'x', name: '甲' }] },
    { kind: 'rubric_scores', rubric: WUJIN_RUBRIC, vetoes: true },
    { kind: 'cultivation_plan', years: [2027, 2028, 2029], minRowsPerYear: 1 },
    { kind: 'mentoring_plan', mentors: [{ id: 'm', name: '红旗党支部' }], minMenteesPerMentor: 2, lastDeadline: '2029-12-31' },
    { kind: 'hefei_standard', committeeName: '某党委', draft: HEFEI_DEFAULT_STANDARD },
    { kind: 'hefei_special_inspection', committeeName: '某党委', branches: [{ id: 'b1', name: '甲' }], half: 1 },
    { kind: 'hefei_grades', committeeName: '某党委', aGradeCap: 0.1, branches: [{ id: 'b1', name: '甲', earned: 'A', assessorTotal: 95, firstGrading: true }] },
    { kind: 'hefei_pairing', branchName: '甲' },
    { kind: 'inspection', candidates: [{ id: 'x', name: '甲' }], year: 2027 },
    { kind: 'strike', items: [{ id: 'x', name: '甲' }] },
    { kind: 'spot_check', branches: [{ id: 'x', name: '甲' }], period: '2027年下半年' },
    { kind: 'wujin_implementation_plan', committeeName: '湖塘镇党委' },
    { kind: 'wujin_member_cases', committeeName: '湖塘镇党委' },
    { kind: 'wujin_model_recommendation', committeeName: '湖塘镇党委', branches: [{ id: 'b1', name: '马杭村党支部' }], max: 2 },
    { kind: 'wujin_model_selection', candidates: [{ id: 'b1', name: '马杭村党支部', committeeName: '湖塘镇党委' }] },
    { kind: 'wujin_declaration', branchName: '马杭村党支部', assessorTotal: 92, items: [{ code: 'D1', standard: '每个党支部确保有固定的活动阵地。' }] },
    { kind: 'wujin_verification', branchName: '马杭村党支部', assessorTotal: 92, passThreshold: 85, vetoes: [], onSiteItems: [{ code: 'D1', standard: '每个党支部确保有固定的活动阵地。' }] },
    { kind: 'wujin_rectification', branchName: '马杭村党支部', reasons: ['考核得分80分，低于85分的合格线'] },
    { kind: 'wujin_brand', branchName: '马杭村党支部' },
    { kind: 'obligation_record', unit: 'hours', min: 24, periodStart: '2027-01-01', dueDate: '2027-12-31' },
    { kind: 'zibo_annual_plan', branchName: '局办公室党支部', year: 2027 },
    { kind: 'zibo_standard', branchName: '局办公室党支部' },
    { kind: 'zibo_scores', branchName: '局办公室党支部', criteria: [{ criterion: 'leadership', requirements: '班子健全', points: 20 }] },
    { kind: 'zibo_benchmarking', branchName: '局办公室党支部' },
    { kind: 'zibo_duty_report', branchName: '局办公室党支部' },
    { kind: 'zibo_dual_ratings', branchName: '局办公室党支部', scale: ['好', '较好', '一般', '差'] },
    { kind: 'zibo_project_proposals', branchName: '局办公室党支部' },
    { kind: 'zibo_project_screening', meeting: 'members', proposals: [{ id: 'p1', title: '科技服务进企业', proposer: '张明' }] },
    { kind: 'zibo_project_revision', title: '科技服务进企业', opinion: '请明确指标' },
    { kind: 'zibo_project_progress', title: '科技服务进企业' },
    { kind: 'liangshan_session' },
    { kind: 'liangshan_lesson' },
    { kind: 'liangshan_talks' },
    { kind: 'liangshan_democratic_review' },
    { kind: 'liangshan_star_rating' },
    { kind: 'liangshan_points_standard' },
    { kind: 'liangshan_points_ranking' },
    // Degenerate parameters still give a schema a client can render (and nothing can answer).
    { kind: 'consultation', candidates: [] },
  ];

  it.each(samples.map((f) => [f.kind, f] as const))('gives %s a JSON Schema a client can render', (_kind, form) => {
    const schema = z.toJSONSchema(TASK_FORMS.schema(form)!, { io: 'input', unrepresentable: 'any' });
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
  });

  it('every registered kind has a Chinese label, and refuses a missing answer in Chinese', () => {
    for (const k of TASK_FORMS.kinds as FormKind[]) {
      expect(k.label).toMatch(CHINESE);
      const form = samples.find((s) => s.kind === k.kind)!;
      expect(TASK_FORMS.refuse(form, undefined)?.message).toBe(`请填写“${k.label}”`);
      expect(TASK_FORMS.refuse(form, 'text')?.message).toMatch(CHINESE);
    }
  });

  it('inspection: one record per candidate, dated within the year, with who inspected and what they found', () => {
    const form = { kind: 'inspection', candidates: [{ id: 'a', name: '东关村党支部' }, { id: 'b', name: '西湖村党支部' }], year: 2027 };
    const record = (candidateId: string, inspectedOn = '2027-05-12') => ({ candidateId, inspectors: '考察组：王建国、李红', inspectedOn, findings: '资料齐全，群众满意' });
    expect(TASK_FORMS.refuse(form, { records: [record('a'), record('b')] })).toBeNull();
    expect(TASK_FORMS.refuse(form, { records: [record('a')] })?.message).toBe('以下候选对象尚未填写考察情况：西湖村党支部');
    expect(TASK_FORMS.refuse(form, { records: [record('a'), record('a'), record('b')] })?.message).toContain('东关村党支部重复');
    expect(TASK_FORMS.refuse(form, { records: [record('a', '2026-12-31'), record('b')] })?.message).toContain('考察日期须为2027年内的日期');
    expect(TASK_FORMS.refuse(form, { records: [record('x'), record('b')] })?.message).toContain('考察对象须是本单位的候选党支部');
    expect(TASK_FORMS.refuse(form, { records: [{ ...record('a'), findings: ' ' }, record('b')] })?.message).toContain('请填写考察情况');
  });

  it('selection with a floor: a list the next pick draws from has at least so many', () => {
    const candidates = ['甲', '乙', '丙', '丁'].map((name, i) => ({ id: `c${i}`, name, score: 90 - i }));
    const form = { kind: 'selection', candidates, rules: { places: 3, minRatio: 1 }, atLeast: 2 };
    expect(TASK_FORMS.refuse(form, { chosen: ['c0', 'c1'] })).toBeNull();
    expect(TASK_FORMS.refuse(form, { chosen: ['c0'] })?.message).toBe('名额规则：至少选择2名，实际选择1名');
  });

  it('spot check: named branches still holding the title, each once; a withdrawal needs its reason', () => {
    const form = { kind: 'spot_check', branches: [{ id: 'a', name: '东关村党支部' }, { id: 'b', name: '西湖村党支部' }], period: '2027年下半年' };
    const kept = { itemId: 'a', findings: '符合标准', verdict: 'kept' };
    expect(TASK_FORMS.refuse(form, { checks: [kept, { itemId: 'b', findings: '班子成员违纪', verdict: 'withdrawn', reason: '造成不良影响' }] })).toBeNull();
    expect(TASK_FORMS.refuse(form, { checks: [{ itemId: 'b', findings: '班子成员违纪', verdict: 'withdrawn' }] })?.message).toBe('取消称号须说明理由：西湖村党支部');
    expect(TASK_FORMS.refuse(form, { checks: [] })?.message).toContain('2027年下半年至少抽查一个红旗党支部');
    expect(TASK_FORMS.refuse(form, { checks: [kept, kept] })?.message).toBe('同一党支部只填写一条抽查记录');
    expect(TASK_FORMS.refuse(form, { checks: [{ ...kept, itemId: 'x' }] })?.message).toContain('抽查对象须是仍保有称号的红旗党支部');
    expect(TASK_FORMS.refuse(form, { checks: [{ ...kept, verdict: 'demoted' }] })?.message).toContain('处理结果须为');
  });

  it('strike: items of the list, each once, each with a reason', () => {
    const form = { kind: 'strike', items: [{ id: 'a', name: '东关村党支部' }, { id: 'b', name: '西湖村党支部' }] };
    expect(TASK_FORMS.refuse(form, { struck: [{ itemId: 'a', reason: '信访问题尚在核查' }] })).toBeNull();
    expect(TASK_FORMS.refuse(form, { struck: [] })?.message).toContain('须至少剔除一个对象');
    expect(TASK_FORMS.refuse(form, { struck: [{ itemId: 'x', reason: '理由' }] })?.message).toContain('剔除的对象须在报批名单中');
    expect(TASK_FORMS.refuse(form, { struck: [{ itemId: 'a', reason: '' }] })?.message).toContain('请填写剔除理由');
    expect(TASK_FORMS.refuse(form, { struck: [{ itemId: 'a', reason: '甲' }, { itemId: 'a', reason: '乙' }] })?.message).toBe('同一对象只能剔除一次');
  });

  it('activity record: one or several of the period at once, each dated within it, hours on each where they count', () => {
    const form = { kind: 'obligation_record', unit: 'hours', min: 24, periodStart: '2027-01-01', dueDate: '2027-12-31' };
    const entry = { date: '2027-03-05', attendees: '王建国', minutes: '市委党校支部书记培训班', hours: 12 };
    expect(TASK_FORMS.refuse(form, entry)).toBeNull();
    expect(TASK_FORMS.refuse(form, { ...entry, more: [{ ...entry, date: '2027-03-06' }] })).toBeNull();
    expect(TASK_FORMS.refuse(form, { ...entry, more: [{ ...entry, date: '2026-12-31' }] })?.message).toBe('活动日期不能早于本期开始日期2027-01-01');
    expect(TASK_FORMS.refuse(form, { ...entry, more: [{ date: '2027-03-06', attendees: '王建国', minutes: '培训' }] })?.message).toContain('须填写本次学时数');
    expect(TASK_FORMS.refuse(form, { ...entry, more: Array.from({ length: 31 }, () => entry) })?.message).toContain('一次最多登记31条活动记录');
  });

  it('evidence: text, not blank, not too long', () => {
    const form: EvidenceForm = { kind: 'evidence' };
    expect(TASK_FORMS.refuse(form, { evidence: '支委会会议记录第12期' })).toBeNull();
    expect(TASK_FORMS.refuse(form, { evidence: '  ' })?.message).toContain('请填写完成情况的佐证材料');
    expect(TASK_FORMS.refuse(form, { evidence: '很'.repeat(2001) })?.message).toContain('不能超过2000个字');
  });

  it('consultation: every candidate asked, once, and reasons for objections and vetoes', () => {
    const form: ConsultationForm = { kind: 'consultation', candidates: [{ id: 'x', name: '甲' }, { id: 'y', name: '乙' }] };
    const ok = { answers: [{ candidateId: 'x', answer: 'no_objection' }, { candidateId: 'y', answer: 'objection', reason: '有信访未结' }] };
    expect(TASK_FORMS.check(form, ok)).toEqual({ refusal: null, data: { answers: [{ candidateId: 'x', answer: 'no_objection', reason: '' }, { candidateId: 'y', answer: 'objection', reason: '有信访未结' }] } });
    expect(TASK_FORMS.refuse(form, { answers: [ok.answers[0]] })?.message).toContain('逐一答复');
    expect(TASK_FORMS.refuse(form, { answers: [ok.answers[0], ok.answers[0]] })?.message).toContain('逐一答复');
    expect(TASK_FORMS.refuse(form, { answers: [ok.answers[0], { candidateId: 'y', answer: 'veto', reason: ' ' }] })?.message).toBe('有异议或一票否决时必须说明理由：乙');
    expect(TASK_FORMS.refuse(form, { answers: [ok.answers[0], { candidateId: 'z', answer: 'veto', reason: '否' }] })?.message).toContain('不在征求意见名单中');
  });

  it('rubric scores: each item within its points, every item scored; veto items only on the assessor\'s sheet', () => {
    const items = rubricItems(WUJIN_RUBRIC);
    const full = Object.fromEntries(items.map((i) => [i.code, { score: i.points }]));
    const self: RubricScoresForm = { kind: 'rubric_scores', rubric: WUJIN_RUBRIC, vetoes: false };
    const assessor: RubricScoresForm = { ...self, vetoes: true };
    expect(TASK_FORMS.refuse(self, { scores: full })).toBeNull();
    expect(TASK_FORMS.refuse(self, { scores: { ...full, [items[0]!.code]: { score: 0.25 } } })?.message).toContain(`条目 ${items[0]!.code} 的得分须在0至${items[0]!.points}分之间`);
    expect(TASK_FORMS.refuse(self, { scores: { ...full, Z9: { score: 1 } } })?.message).toContain('考核细则以外');
    expect(TASK_FORMS.refuse(self, { scores: {} })?.message).toContain('尚未评分');
    expect(TASK_FORMS.refuse(self, { scores: full, vetoes: [] })?.message).toContain('vetoes');
    expect(TASK_FORMS.refuse(assessor, { scores: full, vetoes: [WUJIN_RUBRIC.vetoItems[0]!.code] })).toBeNull();
    expect(TASK_FORMS.refuse(assessor, { scores: full, vetoes: ['V9'] })?.message).toContain('一票否决情形须为考核细则所列之一');
  });

  it("Tai'an's plans: rows within the form's years and mentors, enough of them", () => {
    const plan: CultivationPlanForm = { kind: 'cultivation_plan', years: [2027, 2028], minRowsPerYear: 2 };
    const row = (year: number) => ({ year, branchName: '东关村党支部', measures: '结对共建' });
    expect(TASK_FORMS.refuse(plan, { rows: [row(2027), row(2027), row(2028), row(2028)] })).toBeNull();
    expect(TASK_FORMS.refuse(plan, { rows: [row(2027), row(2027), row(2028)] })?.message).toBe('每年至少培树2个党支部，2028年不足');
    expect(TASK_FORMS.refuse(plan, { rows: [] })?.message).toContain('培树计划至少填写一行');
    const mentoring: MentoringPlanForm = { kind: 'mentoring_plan', mentors: [{ id: 'm', name: '红旗党支部' }], minMenteesPerMentor: 1, lastDeadline: '2029-12-31' };
    const mentee = { mentorId: 'x', mentee: '某党支部', menteeGrade: '后进', goal: '晋位升级', measures: '结对共建', deadline: '2028-06-30' };
    expect(TASK_FORMS.refuse(mentoring, { rows: [mentee] })?.message).toContain('帮带党支部须是本单位命名的红旗党支部');
    expect(TASK_FORMS.refuse(mentoring, { rows: [{ ...mentee, mentorId: 'm', deadline: '2028年' }] })?.message).toContain('不晚于2029-12-31');
  });
});
