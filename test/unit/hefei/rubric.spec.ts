import { checkScores, rubricItems, rubricTotal } from '../../../libs/domain/src';
import {
  DEFAULT_GRADE_THRESHOLDS,
  FIVE_BASICS,
  FIVE_BASIC_LABELS,
  HEFEI_DEFAULT_STANDARD,
  checkGradingStandard,
  committeeStandard,
  committeeStandardCode,
  defaultGradingStandard,
} from '../../../libs/processes/src/hefei';

describe("Hefei's default grading standard", () => {
  it('is marked as Pennant\'s default, around the five basics, 100 points, with veto items and A/B/C thresholds', () => {
    const s = HEFEI_DEFAULT_STANDARD;
    expect(s.isDefault).toBe(true);
    expect(s.name).toContain('Pennant默认参考标准');
    expect(s.note).toMatch(/未规定条目和分值/);
    expect(s.areas.map((a) => a.code)).toEqual([...FIVE_BASICS]);
    expect(s.areas.map((a) => a.name)).toEqual(['基本队伍', '基本阵地', '基本制度', '基本活动', '基本保障']);
    expect(rubricTotal(s)).toBe(100);
    for (const a of s.areas) expect(a.declaredPoints).toBe(a.items.reduce((t, i) => t + i.points, 0));
    expect(s.vetoItems.length).toBeGreaterThanOrEqual(3);
    expect(s.gradeThresholds).toEqual(DEFAULT_GRADE_THRESHOLDS);
    expect(s.passThreshold).toBe(DEFAULT_GRADE_THRESHOLDS.C);
    expect(checkGradingStandard(s)).toEqual([]);
  });

  it('takes score sheets through the engine\'s rubric checks', () => {
    const items = rubricItems(HEFEI_DEFAULT_STANDARD);
    expect(checkScores(HEFEI_DEFAULT_STANDARD, Object.fromEntries(items.map((i) => [i.code, { score: i.points }])))).toEqual([]);
    expect(checkScores(HEFEI_DEFAULT_STANDARD, { T1: { score: 7 } }, false)[0]!.message).toBe('条目 T1 的得分须在0至6分之间（可到0.5分）');
  });

  it('builds with other thresholds, and a committee builds its own version from the parts it drafts', () => {
    expect(defaultGradingStandard({ A: 95, B: 85, C: 70 }).passThreshold).toBe(70);
    const own = committeeStandard({
      committeeId: 'c1',
      committeeName: '中共合肥市律师协会委员会',
      version: 2,
      areas: HEFEI_DEFAULT_STANDARD.areas,
      vetoItems: HEFEI_DEFAULT_STANDARD.vetoItems,
      gradeThresholds: { A: 92, B: 82, C: 65 },
    });
    expect(own).toMatchObject({ code: committeeStandardCode('c1'), version: 2, isDefault: false, passThreshold: 65, name: '中共合肥市律师协会委员会党支部分类定级标准（第2版）' });
    expect(checkGradingStandard(own)).toEqual([]);
  });

  it('refuses a standard that misses one of the five basics, repeats a code, or has thresholds out of order', () => {
    const s = HEFEI_DEFAULT_STANDARD;
    const withoutSupport = { ...s, areas: s.areas.filter((a) => a.code !== 'support') };
    expect(checkGradingStandard(withoutSupport)).toContain(`标准须涵盖五个基本方面，缺少：${FIVE_BASIC_LABELS.support}`);
    const repeated = { ...s, areas: s.areas.map((a) => (a.code === 'base' ? { ...a, items: [...a.items, { ...a.items[0]!, code: 'T1' }] } : a)) };
    expect(checkGradingStandard(repeated)).toContain('条目编号重复：T1');
    const disordered = { ...s, gradeThresholds: { A: 80, B: 90, C: 60 } };
    expect(checkGradingStandard(disordered)).toContain('等次分数线须满足 0 < C级(60) < B级(90) < A级(80) ≤ 总分(100)');
    const unreachable = { ...s, gradeThresholds: { A: 120, B: 90, C: 60 } };
    expect(checkGradingStandard(unreachable)).toHaveLength(1);
    const badPoints = { ...s, areas: s.areas.map((a, k) => (k === 0 ? { ...a, items: [{ ...a.items[0]!, points: 0.3 }, ...a.items.slice(1)] } : a)) };
    expect(checkGradingStandard(badPoints)).toContain('条目 T1 的分值须为正数（可到0.5分）');
    expect(checkGradingStandard({ ...s, passThreshold: 70 })).toContain('达标线(70)须等于C级分数线(60)');
  });
});
