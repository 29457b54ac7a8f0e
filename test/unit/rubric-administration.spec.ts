import { checkNewVetoItem, rubricDiscrepancies, withVetoItem } from '../../libs/domain/src';
import { WUJIN_RUBRIC } from '../../libs/persistence/src/seed/wujin-rubric';

describe('rubric discrepancies', () => {
  it("reports Wujin's activity area: 30 declared, its items add to 32, scored as printed", () => {
    expect(rubricDiscrepancies(WUJIN_RUBRIC)).toEqual([
      { area: 'C', areaName: '活动开展有序', declaredPoints: 30, itemsTotal: 32, message: '活动开展有序：细则声明30分，所列条目合计32分；按所列条目计分' },
    ]);
  });

  it('reports nothing when every area adds up, and an area short of its declared points too', () => {
    const consistent = { ...WUJIN_RUBRIC, areas: WUJIN_RUBRIC.areas.map((a) => ({ ...a, declaredPoints: a.items.reduce((s, i) => s + i.points, 0) })) };
    expect(rubricDiscrepancies(consistent)).toEqual([]);
    const short = { ...WUJIN_RUBRIC, areas: [{ ...WUJIN_RUBRIC.areas[0]!, declaredPoints: 12.5 }] };
    expect(rubricDiscrepancies(short).map((d) => d.message)).toEqual(['组织设置合理：细则声明12.5分，所列条目合计10分；按所列条目计分']);
  });
});

describe('adding a veto item', () => {
  it('accepts a new code and text, as the next version, leaving the given version unchanged', () => {
    expect(checkNewVetoItem(WUJIN_RUBRIC, { code: 'no_meetings', text: '全年未召开支部党员大会' })).toEqual([]);
    const next = withVetoItem(WUJIN_RUBRIC, { code: 'no_meetings', text: ' 全年未召开支部党员大会 ' });
    expect(next.version).toBe(2);
    expect(next.vetoItems.at(-1)).toEqual({ code: 'no_meetings', text: '全年未召开支部党员大会' });
    expect(WUJIN_RUBRIC.vetoItems).toHaveLength(3);
  });

  it.each([
    ['a code with capitals', { code: 'A1', text: '某情形' }, 'INVALID_VETO_ITEM', '编码“A1”不符合要求'],
    ['a one-letter code', { code: 'x', text: '某情形' }, 'INVALID_VETO_ITEM', '不符合要求'],
    ['an empty text', { code: 'ok_code', text: ' \n ' }, 'INVALID_VETO_ITEM', '请填写一票否决情形的内容'],
    ['a text over 200 characters', { code: 'ok_code', text: '长'.repeat(201) }, 'INVALID_VETO_ITEM', '不能超过200个字'],
    ['a code already used', { code: 'funds_missing', text: '新情形' }, 'DUPLICATE_VETO_ITEM', '编码 funds_missing 已用于'],
    ['a text already listed (spaces aside)', { code: 'ok_code', text: '党支部书记  缺职' }, 'DUPLICATE_VETO_ITEM', '“党支部书记缺职”已存在'],
  ])('refuses %s', (_label, item, code, message) => {
    const [problem] = checkNewVetoItem(WUJIN_RUBRIC, item);
    expect(problem).toEqual({ code, message: expect.stringContaining(message) });
  });

  it('counts characters, not UTF-16 units: 200 Chinese characters are allowed', () => {
    expect(checkNewVetoItem(WUJIN_RUBRIC, { code: 'ok_code', text: '长'.repeat(200) })).toEqual([]);
  });
});
