import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Form, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, idempotencyKey, unwrap } from '../../api/client';
import { ZONE, dayjs } from '../../format';
import { type Campaign, type Process, campaignStatus } from '../campaigns/campaignApi';
import { type ReasonValues, ReasonModal } from './ReasonModal';

type Action = 'start' | 'pause' | 'resume' | 'extend' | 'cancel';

const ACTIONS: Record<Action, { label: string; title: string; danger?: boolean }> = {
  start: { label: '启动', title: '启动评选活动' },
  pause: { label: '暂停', title: '暂停评选活动' },
  resume: { label: '恢复', title: '恢复评选活动' },
  extend: { label: '延期', title: '延长某阶段的期限' },
  cancel: { label: '撤销', title: '撤销评选活动', danger: true },
};

const AVAILABLE: Record<string, Action[]> = {
  draft: ['start'],
  running: ['pause', 'extend', 'cancel'],
  paused: ['resume', 'extend', 'cancel'],
};

/** Organisations a stage may be extended for (committees and above: an extension reaches a subtree). */
function useExtensionScopes(enabled: boolean) {
  return useQuery({
    queryKey: ['organisations'],
    queryFn: () => unwrap(api.GET('/organisations')),
    enabled,
    staleTime: 60_000,
    select: (orgs) => orgs.filter((o) => o.level !== 'branch' && o.level !== 'agency'),
  });
}

/** A campaign's state and what the administrator may do to it now: each confirmed, each with a reason. */
export function CampaignControls({ campaign, process }: { campaign: Campaign; process: Process }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const scopes = useExtensionScopes(action === 'extend');
  const act = useMutation({
    mutationFn: async ({ a, v }: { a: Action; v: ReasonValues }) => {
      const headers = { 'Idempotency-Key': idempotencyKey() };
      if (a === 'start') return unwrap(api.POST('/campaigns/{id}/start', { params: { path: { id: campaign.id } }, body: { reason: v.reason }, headers }));
      const body =
        a === 'extend'
          ? {
              action: 'extend' as const,
              reason: v.reason,
              stage: v.stage as string,
              // The chosen day's end in Beijing: the stage is due by then.
              dueAt: dayjs.tz((v.dueOn as dayjs.Dayjs).format('YYYY-MM-DD'), ZONE).endOf('day').toISOString(),
              organisationId: (v.organisationId as string | undefined) || undefined,
            }
          : { action: a, reason: v.reason };
      return unwrap(api.POST('/campaigns/{id}/control', { params: { path: { id: campaign.id } }, body, headers }));
    },
    onSuccess: (_r, { a }) => {
      void message.success(`已${ACTIONS[a].label}`);
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      void client.invalidateQueries({ queryKey: ['campaign', campaign.id] });
      void client.invalidateQueries({ queryKey: ['dashboard', campaign.id] });
    },
  });
  const status = campaignStatus(campaign.status);
  const current = action ? ACTIONS[action] : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label="评选活动">{campaign.title}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={status.color} data-testid="campaign-status">
            {status.label}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="看板">
          <Link to={`/campaigns/${campaign.id}`}>打开看板</Link>
        </Descriptions.Item>
      </Descriptions>
      <Space wrap>
        {(AVAILABLE[campaign.status] ?? []).map((a) => (
          <Button key={a} type={a === 'start' ? 'primary' : 'default'} danger={ACTIONS[a].danger} onClick={() => setAction(a)}>
            {ACTIONS[a].label}
          </Button>
        ))}
      </Space>
      <ReasonModal
        open={action !== null}
        title={current?.title ?? ''}
        okText={`确认${current?.label ?? ''}`}
        danger={current?.danger}
        onClose={() => setAction(null)}
        onSubmit={(v) => act.mutateAsync({ a: action!, v })}
      >
        {action === 'extend' && (
          <>
            <Form.Item name="stage" label="阶段" rules={[{ required: true, message: '请选择阶段' }]}>
              <Select options={process.stages.map((s) => ({ value: s.id, label: s.label }))} />
            </Form.Item>
            <Form.Item name="dueOn" label="新的截止日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="organisationId" label="适用范围（不选为全市）">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={scopes.isPending}
                options={(scopes.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          </>
        )}
      </ReasonModal>
    </Space>
  );
}
