import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type Campaign = paths['/campaigns']['get']['responses'][200]['content']['application/json'][number];
export type Process = paths['/processes']['get']['responses'][200]['content']['application/json'][number];
export type Dashboard = paths['/campaigns/{id}/dashboard']['get']['responses'][200]['content']['application/json'];
export type CampaignStatus = Campaign['status'];

/** The registered processes, as their definitions declare them (they change only with a release). */
export function useProcesses() {
  return useQuery({ queryKey: ['processes'], queryFn: () => unwrap(api.GET('/processes')), staleTime: Infinity });
}

export function useCampaigns() {
  return useQuery({ queryKey: ['campaigns'], queryFn: () => unwrap(api.GET('/campaigns')) });
}

export const CAMPAIGN_STATUS: Record<CampaignStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  running: { label: '进行中', color: 'processing' },
  paused: { label: '已暂停', color: 'warning' },
  completed: { label: '已结束', color: 'success' },
  cancelled: { label: '已撤销', color: 'error' },
};

export function campaignStatus(status: string): { label: string; color: string } {
  return CAMPAIGN_STATUS[status as CampaignStatus] ?? { label: status, color: 'default' };
}
