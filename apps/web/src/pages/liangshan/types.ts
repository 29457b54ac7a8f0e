import type { paths } from '../../api/schema';
import type { Dashboard } from '../campaigns/campaignApi';

/** Liangshan's answers as the generated client types them. */
export type BranchYear = paths['/campaigns/{id}/liangshan/branches/{branchId}']['get']['responses'][200]['content']['application/json'];
export type BranchItem = BranchYear['items'][number];
export type Occurrence = BranchItem['occurrences'][number];
export type Threshold = BranchYear['thresholds'][number];
export type LiangshanList = paths['/liangshan/lists/{year}']['get']['responses'][200]['content']['application/json'];
export type LiangshanDashboard = Extract<Dashboard, { list: unknown; thresholds: unknown }>;
export type Behind = LiangshanDashboard['list']['behind'][number];

export const liangshanBranchPath = (campaignId: string, branchId: string) => `/campaigns/${campaignId}/liangshan/branches/${branchId}`;

export const isLiangshan = (d: Dashboard): d is LiangshanDashboard => d.campaign.process === 'liangshan' && 'list' in d && 'thresholds' in d;

export const THRESHOLD_SHORT_LABELS: Record<Threshold['key'], string> = {
  satisfaction: '满意率',
  excellentShare: '优秀党员比例',
  studySessions: '集中学习',
  organisationLife: '领导干部组织生活',
  lessons: '领导干部党课',
  talks: '领导干部谈心谈话',
};

/** A threshold's figure as it is read: shares in per cent, counts in times. */
export function figureText(key: Threshold['key'], x: number | null): string {
  if (x === null) return '—';
  return key === 'satisfaction' || key === 'excellentShare' ? `${Math.round(x * 1000) / 10}%` : `${x}次`;
}

export const OCCURRENCE_COLORS: Record<Occurrence['status'], string> = { open: 'processing', completed: 'green', overdue: 'red', postponed: 'default' };
