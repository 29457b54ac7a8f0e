/** What each Zibo role decides on a task of each kind, and the records a counted duty gets. */
import { type ObligationRecordForm, type SelectionForm, addCalendarDays, chinaDate, isEligible } from '../../../../libs/domain/src';
import { type ProjectScreeningForm, type StandardScoresForm, ZIBO_CRITERIA, type DualRatingsForm } from '../../../../libs/processes/src/zibo';
import { firstTime } from '../actor-world';
import { type OpenTask, taskKey } from '../campaign-days';
import { keyed } from '../random';
import type { World } from './world';

/** How many records a counted occurrence gets: its minimum (hours in two sittings); now and then a group meeting past the maximum. */
export function recordsWanted(t: OpenTask, w: World): number {
  const f = t.form as ObligationRecordForm;
  if (f.unit === 'hours') return 2;
  return f.max !== undefined && keyed(w.seed, `over:${taskKey(t)}`) < 0.03 ? f.max + 1 : f.min;
}

type Decision = { decision: string; opinion: string; data?: unknown } | null;

export async function decisionFor(t: OpenTask, w: World): Promise<Decision> {
  const today = chinaDate(new Date(w.now));
  switch (t.kind) {
    case 'obligation': {
      // The period's records entered in one sitting, in one decision: each a day before the next (never before the period).
      const f = t.form as ObligationRecordForm;
      const wanted = recordsWanted(t, w) - (w.records.get(t.id) ?? 0);
      const entries = Array.from({ length: wanted }, (_, k) => {
        const held = addCalendarDays(today, k - (wanted - 1));
        return { date: held < f.periodStart ? f.periodStart : held, attendees: '支部党员8人', minutes: `${t.title}：按计划开展，会议记录和签到表已存档。`, ...(f.unit === 'hours' ? { hours: 12 } : {}) };
      });
      const [first, ...more] = entries;
      return { decision: 'recorded', opinion: '', data: { ...first, ...(more.length ? { more } : {}) } };
    }
    case 'zibo_annual_plan':
      return {
        decision: 'submitted',
        opinion: '',
        data: {
          items: [
            { month: 3, meeting: 'members_meeting', topic: '学习贯彻上级精神，部署全年工作', procedure: '签到、传达学习、讨论、表决' },
            { month: 1, meeting: 'committee_meeting', topic: '研究年度党建工作计划', procedure: '书记主持，逐一发表意见，书记末位发言' },
            { month: 1, meeting: 'group_meeting', topic: '学习党章', procedure: '组长主持，集体学习，交流发言' },
            { month: 6, meeting: 'party_lesson', topic: '书记讲党课：科技创新与党建融合', procedure: '书记主讲，党员交流' },
          ],
        },
      };
    case 'zibo_plan_review': {
      // The review's subject is the branch, held by the bureau.
      const [s] = await w.owner.query(`SELECT subject_id FROM tasks WHERE id = $1`, [t.id]);
      if (s.subject_id === w.script.planReturned && firstTime(w, 'plan-return')) return { decision: 'return', opinion: '请细化每次会议的主题和程序步骤后重新报送' };
      return { decision: 'acknowledge', opinion: '' };
    }
    case 'zibo_standard':
      return { decision: 'submitted', opinion: '', data: { criteria: ZIBO_CRITERIA.map((criterion) => ({ criterion, requirements: '结合本支部实际细化的具体要求', points: 20 })) } };
    case 'zibo_self_assessment':
    case 'zibo_bureau_assessment': {
      const f = t.form as unknown as StandardScoresForm;
      const quality = 0.7 + keyed(w.seed, `quality:${taskKey(t)}`) * 0.3;
      return { decision: 'submitted', opinion: '', data: { scores: f.criteria.map((c) => ({ criterion: c.criterion, score: Math.round(c.points * quality * 2) / 2, note: '对照标准逐项检查' })) } };
    }
    case 'zibo_benchmarking':
      return { decision: 'submitted', opinion: '', data: { gaps: [{ criterion: 'party_life', gap: '组织生活形式较单一', measure: '开展主题党日活动创新', dueOn: `${today.slice(0, 4)}-12-31` }] } };
    case 'zibo_project_proposals':
      return {
        decision: 'submitted',
        opinion: '',
        data: {
          proposals: [
            { proposer: '党员甲', title: '科技服务进企业', content: '走访科技型企业，解决技术难题' },
            { proposer: '党员乙', title: '政策宣讲进园区', content: '宣讲科技创新扶持政策' },
          ],
        },
      };
    case 'zibo_committee_screening':
    case 'zibo_members_screening': {
      const f = t.form as unknown as ProjectScreeningForm;
      return { decision: 'submitted', opinion: '', data: { chosen: f.proposals.slice(0, f.meeting === 'members' ? 1 : 2).map((p) => p.id), attendees: f.meeting === 'members' ? '全体党员' : '支部委员', minutes: '会议讨论后表决通过' } };
    }
    case 'zibo_project_approval': {
      const [p] = await w.owner.query(`SELECT branch_id FROM zibo_projects WHERE id = $1`, [t.subject_id]);
      if (p.branch_id === w.script.rejected) return { decision: 'reject', opinion: '项目与支部职能关联不紧，不予通过' };
      if (p.branch_id === w.script.returned && firstTime(w, 'project-return')) return { decision: 'return', opinion: '请明确项目的量化目标和完成时限' };
      return { decision: 'approve', opinion: '' };
    }
    case 'zibo_project_revision':
      return { decision: 'submitted', opinion: '', data: { title: '科技服务进企业（走访20家）', content: '全年走访科技型企业20家，解决技术难题不少于5个' } };
    case 'zibo_project_progress': {
      // Progress once, then carried out when the implementation stage is well under way.
      const finished = !firstTime(w, `progress:${t.subject_id}`);
      return { decision: 'submitted', opinion: '', data: { progress: finished ? '项目全部完成' : '项目按计划推进', evidence: '工作台账、照片', finished } };
    }
    case 'zibo_project_acceptance': {
      const [p] = await w.owner.query(`SELECT branch_id FROM zibo_projects WHERE id = $1`, [t.subject_id]);
      return p.branch_id === w.script.failing ? { decision: 'fail', opinion: '实施效果缺少佐证，验收不合格' } : { decision: 'pass', opinion: '实施效果良好，验收合格' };
    }
    case 'zibo_duty_report':
      return { decision: 'submitted', opinion: '', data: { report: '一年来认真履行党建第一责任人职责，落实“三会一课”，推进党建项目。' } };
    case 'zibo_dual_ratings': {
      const f = t.form as unknown as DualRatingsForm;
      const r = keyed(w.seed, `rating:${taskKey(t)}`);
      return { decision: 'submitted', opinion: '', data: { bureauRating: f.scale[r < 0.6 ? 0 : 1], membersRating: f.scale[r < 0.5 ? 0 : r < 0.9 ? 1 : 2], membersParticipants: 12 } };
    }
    case 'zibo_hard_branch_selection': {
      const f = t.form as SelectionForm;
      return { decision: 'completed', opinion: '局党委会议研究，按考评得分差额评选', data: { chosen: f.candidates.filter(isEligible).sort((a, b) => b.score - a.score).slice(0, f.rules.places).map((c) => c.id) } };
    }
    case 'zibo_title_review':
      return { decision: 'retain', opinion: '' };
    case 'objection_investigation':
      return { decision: 'dismissed', opinion: '经核查，反映问题不属实' };
    default:
      throw new Error(`the simulation does not know how to do ${t.kind}`);
  }
}
