import { LIANGSHAN_DEFAULT_THRESHOLDS, type LiangshanRecordRow, computeThresholds, pointsRanking } from '../../../libs/processes/src/liangshan';

const session = (study: boolean, cadres: string[]): LiangshanRecordRow => ({ kind: 'liangshan_session', data: { evidence: '记录', heldOn: '2027-01-20', attendees: 12, collectiveStudy: study, leadingCadres: cadres } });

describe("Liangshan's thresholds, computed from the records", () => {
  it('meets every threshold with a year of records that reaches them', () => {
    const rows: LiangshanRecordRow[] = [
      ...Array.from({ length: 12 }, () => session(true, ['杨斌', '黄春莉'])),
      { kind: 'liangshan_lesson', data: { evidence: '记录', lecturer: '杨斌', topic: '党章' } },
      { kind: 'liangshan_lesson', data: { evidence: '记录', lecturer: '黄春莉', topic: '党章' } },
      { kind: 'liangshan_talks', data: { evidence: '记录', talks: [{ leader: '杨斌', member: '凌静' }, { leader: '黄春莉', member: '吴朝兰' }] } },
      { kind: 'liangshan_democratic_review', data: { evidence: '记录', surveyed: 20, satisfied: 18 } },
      { kind: 'liangshan_star_rating', data: { evidence: '记录', ratings: [{ member: '凌静', stars: 5 }, { member: '吴朝兰', stars: 4 }, { member: '黄晓宁', stars: 3 }, { member: '李勇', stars: 4 }] } },
    ];
    const f = computeThresholds(rows, LIANGSHAN_DEFAULT_THRESHOLDS);
    expect(f.satisfaction).toEqual({ figure: 0.9, target: 0.9, met: true, basis: '参加测评20人，满意18人' });
    expect(f.excellentShare).toMatchObject({ figure: 0.25, met: true });
    expect(f.studySessions).toMatchObject({ figure: 12, met: true });
    expect(f.organisationLife).toEqual({ figure: 12, target: 6, met: true, basis: '杨斌12次、黄春莉12次' });
    expect(f.lessons).toMatchObject({ figure: 1, met: true });
    expect(f.talks).toMatchObject({ figure: 1, met: true });
  });

  it('misses each threshold the records fall short of: the least leading cadre decides, and a missing survey is not met', () => {
    const rows: LiangshanRecordRow[] = [
      ...Array.from({ length: 10 }, (_, i) => session(i !== 3, i < 4 ? ['杨斌', '李勇'] : ['杨斌'])),
      { kind: 'liangshan_lesson', data: { evidence: '记录', lecturer: '杨斌', topic: '党章' } },
      { kind: 'liangshan_star_rating', data: { evidence: '记录', ratings: [{ member: '凌静', stars: 5 }, { member: '吴朝兰', stars: 4 }, { member: '黄晓宁', stars: 3 }, { member: '李勇', stars: 4 }, { member: '黄春莉', stars: 2 }] } },
    ];
    const f = computeThresholds(rows, LIANGSHAN_DEFAULT_THRESHOLDS);
    expect(f.satisfaction).toEqual({ figure: null, target: 0.9, met: false, basis: '尚未开展民主评议' });
    expect(f.excellentShare).toMatchObject({ figure: 0.2, met: false });
    expect(f.studySessions).toMatchObject({ figure: 9, met: false });
    expect(f.organisationLife).toEqual({ figure: 4, target: 6, met: false, basis: '李勇4次、杨斌10次' });
    expect(f.lessons).toMatchObject({ figure: 0, met: false, basis: '李勇0次、杨斌1次' });
    expect(f.talks).toMatchObject({ figure: 0, met: false });
    expect(computeThresholds([], LIANGSHAN_DEFAULT_THRESHOLDS).organisationLife).toMatchObject({ figure: null, met: false });
  });

  it("counts a counted item's records as collective study sessions when its item counts as one (the engine's obligation records)", () => {
    const record = (countsAs: 'study_session' | null): LiangshanRecordRow => ({ kind: 'obligation_record', data: { date: '2027-03-10', attendees: '全体党员', countsAs } });
    const f = computeThresholds([...Array.from({ length: 10 }, () => session(true, ['杨斌'])), record('study_session'), record('study_session'), record(null)], LIANGSHAN_DEFAULT_THRESHOLDS);
    expect(f.studySessions).toEqual({ figure: 12, target: 12, met: true, basis: '集中学习12次（其中按次登记2次）' });
  });

  it('ranks members by their points, ties sharing a place', () => {
    expect(pointsRanking([{ member: '乙', points: 80 }, { member: '甲', points: 92 }, { member: '丙', points: 80 }])).toEqual([
      { rank: 1, member: '甲', points: 92 },
      { rank: 2, member: '丙', points: 80 },
      { rank: 2, member: '乙', points: 80 },
    ]);
  });
});
