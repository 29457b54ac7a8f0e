import type { Assignee } from '../../libs/domain/src/core';
import { chinaEndOfDay } from '../../libs/domain/src/core';
import type { DynamicManagementInput, DynamicManagementResult, SpotCheckData } from '../../libs/processes/src/taian';
import { campaignTask } from '../steps/campaign-steps';
import { workflowTime } from '../steps/workflow-time';
import { redFlagActivities } from './red-flag-activities';

const reviewerOf = (organisationId: string): Assignee => ({ organisationId, role: 'reviewer' });

/** The two half-years after the naming on 1 July. */
const halves = (year: number) => [
  { period: `${year}年下半年`, dueAt: chinaEndOfDay(`${year}-12-31`) },
  { period: `${year + 1}年上半年`, dueAt: chinaEndOfDay(`${year + 1}-06-30`) },
];

/**
 * The year after naming (seed 001, 动态管理): each half-year every city-managed
 * committee holds at least one observation meeting of its branch secretaries
 * ("每半年…至少进行1次集中观摩交流"), with the record as evidence, and the
 * organisation department spot-checks named branches ("不定期进行抽查暗访"); a
 * branch found wanting has its title withdrawn with the reason
 * ("直接取消红旗党支部称号"), and is not checked again.
 */
export async function redFlagDynamicManagement(input: DynamicManagementInput): Promise<DynamicManagementResult> {
  let holding = [...input.named];
  const result: DynamicManagementResult = { meetings: 0, checks: 0, withdrawn: [] };
  const stage = 'dynamic_management';
  for (const half of halves(input.year)) {
    const [meetings, check] = await Promise.all([
      Promise.all(
        input.cityManaged.map((cm) =>
          campaignTask(input.campaignId, stage, {
            kind: 'observation_meeting',
            title: `组织所辖党支部书记集中观摩交流（${half.period}，${cm.name}）`,
            assignee: reviewerOf(cm.id),
            dueAt: half.dueAt,
            escalateTo: reviewerOf(input.orgDepartment.id),
            form: { kind: 'evidence' },
            subject: { type: 'committee', id: cm.id },
          }),
        ),
      ),
      holding.length
        ? campaignTask(input.campaignId, stage, {
            kind: 'spot_check',
            title: `抽查暗访“泰山先锋”红旗党支部（${half.period}）`,
            assignee: reviewerOf(input.orgDepartment.id),
            dueAt: half.dueAt,
            escalateTo: null,
            form: { kind: 'spot_check', branches: holding.map((b) => ({ id: b.nominationId, name: b.name })), period: half.period },
            subject: { type: 'campaign', id: input.campaignId },
          })
        : Promise.resolve(null),
    ]);
    result.meetings += meetings.length;
    if (!check) continue;
    const d = check.decisions[0]!;
    const { checks } = d.data as SpotCheckData;
    await redFlagActivities.recordSpotChecks({
      campaignId: input.campaignId,
      period: half.period,
      checks,
      by: { userId: d.by, displayName: d.byName, organisationId: input.orgDepartment.id },
      at: workflowTime(),
    });
    result.checks += checks.length;
    const gone = checks.filter((c) => c.verdict === 'withdrawn');
    result.withdrawn.push(...gone.map((c) => ({ nominationId: c.itemId, reason: c.reason ?? '' })));
    holding = holding.filter((b) => !gone.some((c) => c.itemId === b.nominationId));
  }
  return result;
}
