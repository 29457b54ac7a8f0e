import type { paths } from '../../api/schema';
import type { Dashboard } from '../campaigns/campaignApi';

/** Wujin's answers as the generated client types them. */
export type BranchPage = paths['/campaigns/{id}/wujin/branches/{branchId}']['get']['responses'][200]['content']['application/json'];
export type Assessment = BranchPage['assessments'][number];
export type AssessmentItem = Assessment['items'][number];
export type AttachmentLink = AssessmentItem['selfEvidenceAttachments'][number];
export type WujinDashboard = Extract<Dashboard, { phases: unknown }>;
export type Phase = WujinDashboard['phases'][number];
export type ObligationFigures = WujinDashboard['obligations'][number];

export const branchPath = (campaignId: string, branchId: string) => `/campaigns/${campaignId}/wujin/branches/${branchId}`;

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** A standing's colour on its tag. */
export const STANDING_COLORS: Record<string, string> = {
  pending: 'default',
  assessing: 'processing',
  on_notice: 'blue',
  compliant: 'green',
  failed: 'red',
  rectifying: 'orange',
  dissolved: 'default',
  merged: 'default',
};

export const STANDING_LABELS: Record<string, string> = {
  pending: '待考核',
  assessing: '考核中',
  on_notice: '合格名单公示中',
  compliant: '合格支部',
  failed: '未达标',
  rectifying: '整顿中',
  dissolved: '已撤销',
  merged: '已撤并',
};
