import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Input, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, messageOf, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { QueryState } from '../../components/QueryState';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Settings = Json<paths['/me/notification-settings']['get']['responses'][200]>;
type ReplaceBody = NonNullable<paths['/me/notification-settings']['put']['requestBody']>['content']['application/json'];
type Channel = Settings['availableChannels'][number]['channel'];
type Kind = Settings['kinds'][number]['kind'];

const QUERY_KEY = ['me', 'notification-settings'];

interface Draft {
  email: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  channels: Partial<Record<Kind, Channel[]>>;
  digest: boolean;
  digestTime: string;
}

const draftOf = (s: Settings): Draft => ({
  email: s.email ?? '',
  quiet: s.quietHours !== null,
  quietStart: s.quietHours?.start ?? '22:00',
  quietEnd: s.quietHours?.end ?? '07:00',
  channels: Object.fromEntries(s.kinds.map((k) => [k.kind, k.channels])),
  digest: s.digest.enabled,
  digestTime: s.digest.time,
});

/**
 * 通知设置: for each kind of event the channels beyond the application (in-app
 * is always on), the e-mail address, quiet hours and the daily digest. Saved
 * whole; a refusal is shown in the server's words with the draft kept.
 */
export default function NotificationSettingsPage() {
  const settings = useQuery({ queryKey: QUERY_KEY, queryFn: () => unwrap(api.GET('/me/notification-settings')) });
  return (
    <section aria-labelledby="notification-settings-title">
      <Typography.Title level={3} id="notification-settings-title">
        通知设置
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        站内通知始终保留；下面为每类通知另选电子邮件、钉钉、企业微信或 Webhook。<Link to="/notifications/deliveries">查看发送记录</Link>
      </Typography.Paragraph>
      <QueryState query={settings}>{settings.data && <SettingsForm settings={settings.data} />}</QueryState>
    </section>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  useEffect(() => setDraft(draftOf(settings)), [settings]);
  const save = useMutation({
    mutationFn: (body: ReplaceBody) => unwrap(api.PUT('/me/notification-settings', { body })),
    onSuccess: (saved) => {
      client.setQueryData(QUERY_KEY, saved);
      void message.success('通知设置已保存');
    },
  });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = () =>
    save.mutate({
      email: draft.email.trim() || null,
      quietHours: draft.quiet ? { start: draft.quietStart, end: draft.quietEnd } : null,
      channels: draft.channels,
      digest: { enabled: draft.digest, time: draft.digestTime },
    });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="接收方式">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label>
            <Typography.Text>接收邮箱</Typography.Text>
            <Input type="email" value={draft.email} onChange={(e) => set({ email: e.target.value })} placeholder="选用电子邮件时必填" aria-label="接收邮箱" />
          </label>
          <Space wrap align="center">
            <Switch checked={draft.quiet} onChange={(quiet) => set({ quiet })} aria-label="免打扰时段" />
            <Typography.Text>免打扰时段（北京时间）</Typography.Text>
            <Input type="time" value={draft.quietStart} disabled={!draft.quiet} onChange={(e) => set({ quietStart: e.target.value })} aria-label="免打扰开始" style={{ width: 120 }} />
            <Typography.Text>至</Typography.Text>
            <Input type="time" value={draft.quietEnd} disabled={!draft.quiet} onChange={(e) => set({ quietEnd: e.target.value })} aria-label="免打扰结束" style={{ width: 120 }} />
          </Space>
          <Space wrap align="center">
            <Switch checked={draft.digest} onChange={(digest) => set({ digest })} aria-label="每日摘要" />
            <Typography.Text>每日摘要：站外通知不逐条发送，每天</Typography.Text>
            <Input type="time" value={draft.digestTime} disabled={!draft.digest} onChange={(e) => set({ digestTime: e.target.value })} aria-label="摘要时间" style={{ width: 120 }} />
            <Typography.Text>按渠道汇总为一条</Typography.Text>
          </Space>
        </Space>
      </Card>
      <Card size="small" title="各类通知的站外渠道">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {settings.kinds.map((k) => (
            <div key={k.kind} role="group" aria-label={k.label} className="notification-kind-row">
              <Typography.Text strong style={{ display: 'inline-block', minWidth: 80 }}>
                {k.label}
              </Typography.Text>
              <Checkbox.Group
                value={draft.channels[k.kind] ?? []}
                onChange={(v) => set({ channels: { ...draft.channels, [k.kind]: v } })}
                options={settings.availableChannels.map((c) => ({ value: c.channel, label: c.label }))}
              />
            </div>
          ))}
        </Space>
      </Card>
      {save.isError && <Alert type="error" showIcon title="未保存" description={messageOf(save.error)} />}
      <Button type="primary" onClick={submit} loading={save.isPending}>
        保存
      </Button>
    </Space>
  );
}
