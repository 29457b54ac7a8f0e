import { TASK_FORMS } from '../../../libs/processes/src/forms';
import {
  LIANGSHAN_DEFAULT_LIST,
  LIANGSHAN_RECORD_FORMS,
  type LiangshanItem,
  liangshanListProblems,
  liangshanObligationSpecs,
} from '../../../libs/processes/src/liangshan';
import { occurrences } from '../../../libs/domain/src';

const branch = { id: '0b4f6a2c-8e1d-4f3a-9c5b-7d2e1f0a3b40', name: '凉山州科学技术协会党支部' };

describe("Liangshan's responsibility list (seed 002's annex)", () => {
  it('holds the seed’s 25 items in order, each with a leader, responsible people and a deadline of the seed’s kinds', () => {
    expect(LIANGSHAN_DEFAULT_LIST).toHaveLength(25);
    expect(LIANGSHAN_DEFAULT_LIST.map((i) => i.code)).toEqual(Array.from({ length: 25 }, (_, k) => `L${String(k + 1).padStart(2, '0')}`));
    expect(new Set(LIANGSHAN_DEFAULT_LIST.map((i) => i.deadline.kind))).toEqual(new Set(['yearly', 'months', 'monthly', 'by_date', 'december_or_january']));
    expect(liangshanListProblems(LIANGSHAN_DEFAULT_LIST)).toEqual([]);
    const byCode = Object.fromEntries(LIANGSHAN_DEFAULT_LIST.map((i) => [i.code, i]));
    expect(byCode.L03).toMatchObject({ title: '支委会', deadline: { kind: 'monthly' }, deadlineText: '每月1次' });
    expect(byCode.L11).toMatchObject({ title: '党员交心谈心', deadline: { kind: 'by_date', month: 11, day: 30 } });
    expect(byCode.L16).toMatchObject({ deadline: { kind: 'december_or_january' }, record: 'democratic_review' });
    expect(occurrences(byCode.L07!.deadline, 2027).map((o) => o.label)).toEqual(['2027年4月：设定党员积分标准', '2027年12月：积分评比']);
    expect(occurrences(byCode.L05!.deadline, 2027)).toHaveLength(5);
  });

  it('becomes one schedule’s obligations: each item with its two parties at the branch and the record form of its month', () => {
    const specs = liangshanObligationSpecs(LIANGSHAN_DEFAULT_LIST, branch);
    expect(specs).toHaveLength(25);
    const l08 = specs.find((s) => s.code === 'liangshan_L08')!;
    expect(l08.parties).toEqual({ leader: { label: '支部书记', organisationId: branch.id, role: 'reviewer' }, responsible: '组织委员、全体党员' });
    expect(l08.formsByMonth).toEqual({ '12': { kind: 'liangshan_star_rating' } });
    expect(specs.find((s) => s.code === 'liangshan_L01')!.parties!.leader).toMatchObject({ label: '党组书记', role: 'committee_member' });
    // Every record's form is registered in the forms index the API and the workflows check with.
    for (const kind of Object.values(LIANGSHAN_RECORD_FORMS)) expect(TASK_FORMS.get(kind)).toBeDefined();
  });

  it('refuses a list an administrator cannot keep, naming each item and rule in Chinese', () => {
    const base = LIANGSHAN_DEFAULT_LIST[2]!;
    const bad: LiangshanItem[] = [
      { ...base, code: 'L01' },
      { ...base, code: 'L01', title: '支部大会' },
      { ...base, code: 'X2', deadline: { kind: 'months', months: [3, 13, 3] } },
      { ...base, code: 'X3', deadline: { kind: 'by_date', month: 2, day: 30 } },
      { ...base, code: 'X4', deadline: { kind: 'months', months: [4, 12] }, recordsByMonth: { '6': 'star_rating' } },
      { ...base, code: '9x' },
    ];
    const problems = liangshanListProblems(bad);
    expect(problems).toEqual([
      '第2项（L01）：编号与前面的事项重复',
      '第3项（X2）：指定月份须为1至12月，至少一个',
      '第3项（X2）：指定月份不能重复',
      '第4项（X3）：限期日期2月30日不存在',
      '第5项（X4）：6月不是该事项开展的月份',
      '第6项（9x）：编号须以字母开头，1至20位字母、数字、下划线或连字符',
    ]);
    expect(liangshanListProblems([])).toEqual(['责任清单至少要有一项重点工作']);
    // A counted item: a quota of whole times, no record type of its own; only a counted item counts toward study.
    const l10 = LIANGSHAN_DEFAULT_LIST[9]!;
    expect(liangshanListProblems([{ ...l10, quota: { min: 12, unit: 'times' }, countsAs: 'study_session' }])).toEqual([]);
    expect(liangshanListProblems([{ ...l10, quota: { min: 3, max: 2, unit: 'times' }, record: 'session' }, { ...l10, code: 'X1', countsAs: 'study_session' }])).toEqual([
      '第1项（L10）：按次登记的次数须为正整数，上限不小于下限',
      '第1项（L10）：按次登记的事项逐次填写活动记录，不另设记录类型',
      '第2项（X1）：计入集中学习的事项须按次登记（quota）',
    ]);
    expect(liangshanObligationSpecs([{ ...l10, quota: { min: 12, unit: 'times' } }], branch)[0]!.quota).toEqual({ min: 12, unit: 'times' });
  });
});
