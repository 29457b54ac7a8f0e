import { readFileSync } from 'node:fs';
import {
  CONSULTATION_RULES_2017,
  CURRENT_CONSULTATION_RULES,
  CampaignPlanInvalid,
  WorkingCalendar,
  agenciesFor,
  consultationRulesSchema,
  defaultConsultationRules,
  hasPriorityHonour,
  type TaskForm,
} from '../../../libs/domain/src';
import { TASK_FORMS } from '../../../libs/processes/src/forms';
import { type PlanSubject, defaultRedFlagParams, planRedFlagCampaign, plansAsked } from '../../../libs/processes/src/taian';

/** Issue 18's pure rules: the year's agency lists, the window's opening, "近年来", and the plans' minimums and mentees. */
const refuse = (form: TaskForm, data: unknown) => TASK_FORMS.refuse(form, data);

const branches = (n: number, prefix = 'b') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, name: `第${i + 1}党支部` }));
const committee = (over: Partial<PlanSubject> = {}): PlanSubject => ({ id: 'cm', name: '中共肥城市委员会', county: true, branches: branches(60), mentors: [], ...over });
const params = defaultRedFlagParams(2027);

describe('agency lists per year', () => {
  it("keeps the document's 2017 names as that year's default and today's for any other year, financial institutions included", () => {
    expect(defaultConsultationRules(2017)).toBe(CONSULTATION_RULES_2017);
    expect(defaultConsultationRules(2027)).toBe(CURRENT_CONSULTATION_RULES);
    expect(agenciesFor('state_enterprise', CONSULTATION_RULES_2017)).toEqual(expect.arrayContaining(['land', 'industry_commerce', 'work_safety']));
    expect(agenciesFor('state_enterprise', CURRENT_CONSULTATION_RULES)).toEqual(expect.arrayContaining(['natural_resources', 'market_regulation', 'emergency_management']));
    expect(agenciesFor('state_enterprise', CURRENT_CONSULTATION_RULES)).not.toEqual(expect.arrayContaining(['industry_commerce']));
    expect(agenciesFor('financial_institution', CURRENT_CONSULTATION_RULES)).toEqual(expect.arrayContaining(['financial_regulation', 'people_bank', 'tax']));
    // Without a list (campaigns started before lists were data), the document's, as they ran.
    expect(agenciesFor('private_enterprise')).toEqual(CONSULTATION_RULES_2017.private_enterprise);
    expect(agenciesFor(null, CURRENT_CONSULTATION_RULES)).toEqual(CURRENT_CONSULTATION_RULES.other);
  });

  it('refuses a list missing a domain, naming an unknown kind, repeating one or leaving a domain empty, in Chinese', () => {
    expect(consultationRulesSchema.safeParse(CURRENT_CONSULTATION_RULES).success).toBe(true);
    const message = (v: unknown) => consultationRulesSchema.safeParse(v).error?.issues[0]?.message ?? '';
    expect(message({ ...CURRENT_CONSULTATION_RULES, rural: ['court', 'court'] })).toContain('重复');
    expect(message({ ...CURRENT_CONSULTATION_RULES, rural: [] })).toContain('至少');
    expect(message({ ...CURRENT_CONSULTATION_RULES, rural: ['bank'] })).toContain('农村');
    const { financial_institution: _f, ...missing } = CURRENT_CONSULTATION_RULES;
    expect(message(missing)).toContain('金融机构');
  });
});

describe('the application window opens in the first quarter', () => {
  const calendar = () => {
    const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/years/2026.json'), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
    return new WorkingCalendar({ years: [2026], holidays: Object.keys(data.holidays), adjustedWorkdays: Object.keys(data.workdays) });
  };

  it('opens on the planned day, and refuses an opening outside the first quarter or after the deadline', () => {
    const base = defaultRedFlagParams(2026);
    expect(planRedFlagCampaign({ ...base, applicationOpens: '02-01' }, calendar())[0]).toMatchObject({ stage: 'application', opensOn: '2026-02-01', dueOn: '2026-03-15' });
    expect(() => planRedFlagCampaign({ ...base, applicationOpens: '04-01' }, calendar())).toThrow(CampaignPlanInvalid);
    expect(() => planRedFlagCampaign({ ...base, applicationOpens: '04-01' }, calendar())).toThrow(/第一季度/);
    expect(() => planRedFlagCampaign({ ...base, applicationOpens: '03-20' }, calendar())).toThrow(/不晚于截止日期/);
  });
});

describe('近年来: only recent provincial honours give priority', () => {
  const recency = { year: 2027, years: params.recentHonourYears! };

  it('counts a provincial or national honour of the last three years, not an older one nor a city one', () => {
    expect(params.recentHonourYears).toBe(3);
    expect(hasPriorityHonour([{ level: 'provincial', year: 2024 }], recency)).toBe(true);
    expect(hasPriorityHonour([{ level: 'national', year: 2027 }], recency)).toBe(true);
    expect(hasPriorityHonour([{ level: 'provincial', year: 2023 }], recency)).toBe(false);
    expect(hasPriorityHonour([{ level: 'city', year: 2026 }], recency)).toBe(false);
    expect(hasPriorityHonour([{ level: 'provincial', year: 2019 }, { level: 'provincial', year: 2025 }], recency)).toBe(true);
    // Without a recency (campaigns before the parameter), any year, as they ran.
    expect(hasPriorityHonour([{ level: 'provincial', year: 2010 }])).toBe(true);
  });
});

describe('the plans: cultivation (附件2) and mentoring (附件4)', () => {
  it("asks every city-managed committee for its cultivation plan: a county's 50 a year or all it has, another at least one; the mentoring table only with named branches", () => {
    expect(plansAsked(params, committee()).cultivation).toMatchObject({ minRowsPerYear: 50, years: [2027, 2028, 2029] });
    expect(plansAsked(params, committee({ branches: branches(30) })).cultivation.minRowsPerYear).toBe(30);
    expect(plansAsked(params, committee({ county: false, name: '中共泰山景区工作委员会' })).cultivation.minRowsPerYear).toBe(1);
    // 肥城: nothing named, still asked to cultivate; no mentoring table.
    expect(plansAsked(params, committee()).mentoring).toBeNull();
    const mentors = [{ id: 'n1', name: '第1党支部', branchId: 'b1' }];
    expect(plansAsked(params, committee({ mentors })).mentoring).toMatchObject({ minMenteesPerMentor: 4, maxMenteesPerMentor: 6 });
    // A subtree too small for four distinct mentees each asks what it holds.
    expect(plansAsked(params, committee({ branches: branches(7), mentors: [mentors[0]!, { id: 'n2', name: '第2党支部', branchId: 'b2' }] })).mentoring?.minMenteesPerMentor).toBe(2);
    expect(plansAsked({ ...params, menteesTolerance: 0 }, committee({ mentors })).mentoring).toMatchObject({ minMenteesPerMentor: 5, maxMenteesPerMentor: 5 });
  });

  it('takes cultivation rows of the committee’s own branches, none twice a year, at least the minimum, each with contact, post and phone', () => {
    const form = { ...plansAsked(params, committee({ branches: branches(3) })).cultivation, minRowsPerYear: 2 };
    const row = (year: number, branchId: string) => ({ year, branchId, measures: '规范三会一课', contact: '王志强', contactTitle: '党委副书记', phone: '0538-6221234' });
    const full = [2027, 2028, 2029].flatMap((y) => [row(y, 'b1'), row(y, 'b2')]);
    expect(refuse(form, { rows: full })).toBeNull();
    expect(refuse(form, { rows: [...full.slice(1), row(2027, 'x9')] })?.message).toContain('本单位所辖');
    expect(refuse(form, { rows: [...full, row(2027, 'b1')] })?.message).toContain('2027年同一党支部不能重复');
    expect(refuse(form, { rows: full.slice(1) })?.message).toContain('每年至少培树2个党支部，2027年不足');
    const { phone: _p, ...withoutPhone } = full[0]!;
    expect(refuse(form, { rows: [withoutPhone, ...full.slice(1)] })).toMatchObject({ type: 'INVALID_FORM_DATA' });
    expect(refuse(form, { rows: [{ ...full[0]!, phone: '打电话' }, ...full.slice(1)] })?.message).toContain('电话');
    expect(refuse(form, { rows: [{ ...full[0]!, contact: ' ' }, ...full.slice(1)] })?.message).toContain('包保联系人');
  });

  it('takes about five real mentees per named branch (four to six by default): of the subtree, not itself, none twice', () => {
    const mentors = [{ id: 'n1', name: '第1党支部', branchId: 'b1' }];
    const form = plansAsked(params, committee({ branches: branches(12), mentors })).mentoring!;
    const row = (menteeId: string) => ({ mentorId: 'n1', menteeId, menteeGrade: '后进', goal: '晋位升级', measures: '结对共建', deadline: '2028-06-30' });
    const rows = (ids: string[]) => ({ rows: ids.map(row) });
    expect(refuse(form, rows(['b2', 'b3', 'b4', 'b5', 'b6']))).toBeNull();
    expect(refuse(form, rows(['b2', 'b3', 'b4', 'b5']))).toBeNull();
    expect(refuse(form, rows(['b2', 'b3', 'b4']))?.message).toContain('至少帮带4个');
    expect(refuse(form, rows(['b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8']))?.message).toContain('4至6个');
    expect(refuse(form, rows(['b1', 'b3', 'b4', 'b5']))?.message).toContain('不能帮带自身');
    expect(refuse(form, rows(['b2', 'b2', 'b4', 'b5']))?.message).toContain('不能重复');
    expect(refuse(form, rows(['b2', 'x3', 'b4', 'b5']))?.message).toContain('本单位所辖');
    // Free text is no longer a mentee.
    expect(refuse(form, { rows: [{ ...row('b2'), menteeId: undefined, mentee: '某党支部' }] })).toMatchObject({ type: 'INVALID_FORM_DATA' });
  });
});
