/** The plans the committees file after the naming, from the ledger's rows: 附件2 (cultivation) and 附件4 (mentoring). */
import { type BranchGrade, BRANCH_GRADE_LABELS } from '../../../../libs/domain/src';
import type { CultivationPlanForm, MentoringPlanForm } from '../../../../libs/processes/src/taian';
import { byName } from '../campaign-days';
import { keyed } from '../random';
import type { Script } from './script';

const CULTIVATION_MEASURES = ['选优配强支部班子，书记参加市级示范培训', '规范“三会一课”，推行主题党日固定化', '结对共建，示范带动周边支部', '建设标准化党群服务阵地', '围绕中心工作设岗定责，党员亮诺践诺'];

/** 附件2 as a committee fills it: each year the branches it must cultivate, from the start of its list round, each with the ledger's contact. */
export function cultivationRows(form: CultivationPlanForm, script: Script): unknown[] {
  if (!form.branches) return form.years.map((year) => ({ year, branchName: `第${year}年度培树党支部`, measures: '结对共建，示范带动' }));
  // By name: the form lists them in the order of their tree paths, which each run draws afresh.
  const branches = byName(form.branches);
  return form.years.flatMap((year, y) =>
    Array.from({ length: form.minRowsPerYear }, (_, i) => {
      // A different slice of its branches each year where it has more than it must name: 率先培树、重点培养、长远储备.
      const b = branches[(y * form.minRowsPerYear + i) % branches.length]!;
      const row = script.ledger.get(b.id);
      return {
        year,
        branchId: b.id,
        measures: CULTIVATION_MEASURES[(i + y) % CULTIVATION_MEASURES.length]!,
        contact: row?.contact || '王志强',
        contactTitle: row?.contactTitle || '党委副书记',
        phone: row?.phone || '0538-8226001',
      };
    }),
  );
}

/** 附件4 as a committee fills it: the weakest branches first, about five to each named branch, none twice and none its own mentor. */
export function mentoringRows(form: MentoringPlanForm, script: Script, seed: number): unknown[] {
  const row = (mentorId: string, mentee: string, menteeId: string | null, grade: string) => ({
    mentorId,
    ...(menteeId ? { menteeId } : { mentee }),
    menteeGrade: grade,
    goal: '一年晋位升级，两年争创过硬党支部',
    measures: '组织共建、活动共办、书记结对传帮带',
    deadline: form.lastDeadline,
  });
  if (!form.branches) return form.mentors.flatMap((m) => Array.from({ length: form.minMenteesPerMentor }, (_, i) => row(m.id, `被帮带党支部${i + 1}`, null, '中间')));
  const rank: Record<BranchGrade, number> = { weak_and_lax: 0, lagging: 1, average: 2, advanced: 3 };
  const mentors = byName(form.mentors);
  const mentorBranches = new Set(mentors.map((m) => m.branchId));
  // By name, then by grade: the form lists them in the order of their tree paths, which each run draws afresh.
  const pool = byName(form.branches)
    .filter((b) => !mentorBranches.has(b.id))
    .sort((a, b) => rank[script.ledger.get(a.id)?.grade ?? 'average'] - rank[script.ledger.get(b.id)?.grade ?? 'average']);
  const max = form.maxMenteesPerMentor ?? form.minMenteesPerMentor;
  let next = 0;
  return mentors.flatMap((m, i) => {
    // Between the minimum and the maximum ("左右"), as the pool left for the other mentors allows.
    const wanted = form.minMenteesPerMentor + Math.floor(keyed(seed, `mentees:${m.name}`) * (max - form.minMenteesPerMentor + 1));
    const leftForOthers = (mentors.length - i - 1) * form.minMenteesPerMentor;
    const count = Math.max(form.minMenteesPerMentor, Math.min(wanted, pool.length - next - leftForOthers));
    return pool.slice(next, (next += count)).map((b) => row(m.id, b.name, b.id, BRANCH_GRADE_LABELS[script.ledger.get(b.id)?.grade ?? 'average']));
  });
}
