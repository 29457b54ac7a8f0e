/** What each Tai'an actor decides on a task of each kind, and the data its form asks for. */
import {
  type ScoresForm,
  type SelectionCandidate,
  type SelectionForm,
  type SelectionRules,
  type StrikeForm,
  type EvidenceForm,
  capOf,
  proposeSelection,
  effectivePlaces,
} from '../../../../libs/domain/src';
import type { CultivationPlanForm, InspectionForm, MentoringPlanForm, SpotCheckForm } from '../../../../libs/processes/src/taian';
import { byName } from '../campaign-days';
import { keyed } from '../random';
import type { ActorContext } from './actor-context';
import { cultivationRows, mentoringRows } from './plans';

/** The forms a Tai'an campaign's tasks carry. */
export type TaianForm = ScoresForm | SelectionForm | CultivationPlanForm | MentoringPlanForm | InspectionForm | StrikeForm | SpotCheckForm | EvidenceForm;

export function decisionFor(t: { kind: string; title: string; organisation_code: string; form: TaianForm | null; subject_id: string }, x: ActorContext): Record<string, unknown> {
  switch (t.kind) {
    case 'nomination_review':
      return { decision: 'approve', opinion: '材料齐全，同意受理' };
    case 'objection_investigation':
      return x.script.upheldObjections.has(t.subject_id)
        ? { decision: 'upheld', opinion: '经核查，反映问题属实，取消推荐资格' }
        : { decision: 'dismissed', opinion: '经核查，反映问题与事实不符' };
    case 'city_committee_decision': {
      // The committee strikes one branch off the first list it sees (the last by name); the department refills the place and the amended list is approved.
      const items = byName((t.form as StrikeForm | null)?.items ?? []);
      return t.title.includes('递补后') || items.length < 2
        ? { decision: 'approved', opinion: '同意命名' }
        : { decision: 'strike', opinion: '经市委常委会研究，其余同意命名', data: { struck: [{ itemId: items.at(-1)!.id, reason: '该党支部近期有群众信访反映的问题尚在核查，暂缓命名' }] } };
    }
    case 'consultation_gap':
      // The committee gives a silent agency one more wait, then goes ahead with the gap and its reason on record.
      return x.waitedFor.has(t.subject_id)
        ? { decision: 'proceed', opinion: '该单位逾期仍未反馈，经电话催办未果，经党委会议研究，记录缺项后继续研究推荐名单' }
        : { decision: 'wait', opinion: '已电话催办，再等待三日' };
    default:
      break;
  }
  const form = t.form;
  const opinion: Record<string, string> = {
    secretary_report: '已组织支部书记述职',
    inspection: '已通过查阅资料、座谈交流、党员群众测评进行考察',
    grassroots_report: '同意推荐',
    formal_submission: '经党委会议研究，同意推荐，现正式行文上报',
    evaluation_vote: '测评推荐已完成',
    collective_decision: '经班子集体研究，差额推荐',
    observation_meeting: '已组织集中观摩交流',
    spot_check: '已完成本半年度抽查暗访',
    committee_red_flag_list: '经党委会议研究，评选本级红旗党支部',
    committee_selection: '经党委会议研究，从本级红旗党支部中按比例确定推荐对象',
    city_review: '经评审，提出初步名单',
    cultivation_plan: '报送三年培树计划',
    mentoring_plan: '报送帮带工作配档表',
  };
  const base = { decision: 'completed', opinion: opinion[t.kind] ?? '已办理' };
  if (!form) return base;
  switch (form.kind) {
    case 'scores':
      return {
        ...base,
        data: {
          participants: 30 + Math.floor(keyed(x.seed, `participants:${t.organisation_code}:${t.title}`) * 50),
          scores: Object.fromEntries(form.candidates.map((c) => [c.id, 60 + Math.round(keyed(x.seed, `score:${c.name}`) * 38)])),
        },
      };
    case 'selection': {
      const chosen = choose(form.candidates, form.rules);
      // Over the 10% cap the committee states why ("原则上"), as the plan allows.
      const cap = form.rules.cap;
      const over = cap && chosen.length > capOf(cap);
      const capException = over ? `本单位所辖党支部${cap.governed}个，为使上级差额遴选有足够的候选对象，经党委会议集体研究，上报${chosen.length}个，超出10%（${capOf(cap)}个）` : undefined;
      return { ...base, data: { chosen, ...(capException ? { capException } : {}) } };
    }
    case 'strike':
      return base;
    case 'evidence':
      return { ...base, data: { evidence: '已组织所辖党支部书记集中观摩交流，观摩现场3处，交流发言12人，会议记录及照片存档' } };
    case 'spot_check': {
      // Two branches a half-year (the first by name); in the second half the department finds one wanting and withdraws its title.
      const second = form.period.includes('上半年');
      return {
        ...base,
        data: {
          checks: byName(form.branches).slice(0, 2).map((b, i) =>
            second && i === 0
              ? { itemId: b.id, findings: '暗访发现“三会一课”记录补记、班子成员违纪受处分', verdict: 'withdrawn', reason: '党支部班子成员违纪受处分，造成不良影响' }
              : { itemId: b.id, findings: '线上查看与实地抽查均符合红旗党支部标准', verdict: 'kept' },
          ),
        },
      };
    }
    case 'inspection':
      return {
        ...base,
        data: {
          records: form.candidates.map((c) => ({
            candidateId: c.id,
            inspectors: '市管党委组织部考察组：王建国、李红',
            inspectedOn: x.today,
            findings: `${c.name}：查阅资料齐全，座谈交流反映良好，党员群众测评满意率${85 + Math.round(keyed(x.seed, `inspection:${c.name}`) * 14)}%`,
          })),
        },
      };
    case 'cultivation_plan':
      return { ...base, data: { rows: cultivationRows(form, x.script) } };
    case 'mentoring_plan':
      return { ...base, data: { rows: mentoringRows(form, x.script, x.seed) } };
  }
}

/**
 * The committees follow the rules' own proposal: honours first, then the
 * votes. The rules break a tie of votes by id, which each run draws afresh, so
 * the committee is shown its candidates by name instead: the same seed picks
 * the same branches.
 */
function choose(candidates: SelectionCandidate[], rules: SelectionRules): string[] {
  const ids = new Map(candidates.map((c) => [c.name, c.id]));
  const named = candidates.map((c) => ({ ...c, id: c.name }));
  return proposeSelection(named, rules)
    .selected.slice(0, effectivePlaces(rules))
    .map((name) => ids.get(name)!);
}
