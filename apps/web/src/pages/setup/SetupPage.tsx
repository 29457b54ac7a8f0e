import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiFailure, api, idempotencyKey, messageOf, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { dayjs } from '../../format';
import { useCampaigns, useProcesses } from '../campaigns/campaignApi';
import { CampaignControls } from './CampaignControls';
import { ParameterForm } from './ParameterForm';
import { PlanPreview } from './PlanPreview';
import { ReasonModal } from './ReasonModal';
import { formSchemaOf, overridableValues } from './parameterSchema';

/** A refusal with the server's details (which field, which rule). */
function Refusal({ error }: { error: unknown }) {
  const details = error instanceof ApiFailure && Array.isArray(error.details) ? (error.details as string[]) : [];
  return <Alert type="error" showIcon role="alert" title="参数不符合规则" description={[messageOf(error), ...details].join('；')} />;
}

/** 活动设置: the administrator picks a process and year, sees the plan, changes parameters, creates and steers the campaign. */
export default function SetupPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const processes = useProcesses();
  const campaigns = useCampaigns();
  const [processId, setProcessId] = useState<string>();
  const [year, setYear] = useState(dayjs().year() + 1);
  const [title, setTitle] = useState('');
  const [values, setValues] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const [chosen, setChosen] = useState<string>();
  const process = processes.data?.find((p) => p.id === (processId ?? processes.data?.[0]?.id));
  const form = useMemo(() => (process ? formSchemaOf(process.parameters, process.parametersInForce, process.stages) : null), [process]);

  // A plan needs the year's holidays: without them the screen says so instead of asking for a plan it cannot have.
  const calendarYears = useQuery({ queryKey: ['calendar', 'years'], queryFn: () => unwrap(api.GET('/calendar/years')), staleTime: 60_000 });
  const calendarMissing = calendarYears.data ? !calendarYears.data.some((y) => y.year === year) : false;
  const defaults = useQuery({
    queryKey: ['campaign-defaults', process?.id, year],
    queryFn: () => unwrap(api.GET('/campaigns/defaults', { params: { query: { process: process!.id as never, year } } })),
    enabled: !!process && year >= 2000 && year <= 2100 && !!calendarYears.data && !calendarMissing,
    retry: false,
  });
  // A new process or year starts from its document's defaults.
  useEffect(() => {
    if (defaults.data && form) setValues(overridableValues(form.schema, defaults.data.parameters));
  }, [defaults.data, form]);

  const parameters = useDeferredValue(values);
  const preview = useQuery({
    queryKey: ['campaign-preview', process?.id, year, parameters],
    queryFn: () =>
      unwrap(api.POST('/campaigns/defaults/preview', { body: { process: process!.id, year, parameters } as never, headers: { 'Idempotency-Key': idempotencyKey() } })),
    enabled: !!process && parameters !== undefined && !!defaults.data,
    retry: false,
    placeholderData: (previous) => previous,
  });

  const create = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/campaigns', {
          body: { process: process!.id, year, reason, parameters, ...(title.trim() ? { title: title.trim() } : {}) } as never,
          headers: { 'Idempotency-Key': idempotencyKey() },
        }),
      ),
    onSuccess: (c) => {
      void message.success('已创建评选活动（草稿）');
      setChosen(c.id);
      void client.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });

  const ofProcess = (campaigns.data ?? []).filter((c) => c.process === process?.id);
  const selected = ofProcess.find((c) => c.id === chosen) ?? ofProcess.find((c) => c.year === year && c.status !== 'cancelled');

  return (
    <section aria-labelledby="setup-title">
      <Typography.Title level={3} id="setup-title">
        活动设置
      </Typography.Title>
      <QueryState query={processes}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title="流程与年度">
            <Form layout="inline" className="setup-pick">
              <Form.Item label="流程" htmlFor="setup-process">
                <Select
                  id="setup-process"
                  style={{ minWidth: 260 }}
                  value={process?.id}
                  onChange={(v) => {
                    setProcessId(v);
                    setValues(undefined);
                    setChosen(undefined);
                  }}
                  options={(processes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
              <Form.Item label="年度" htmlFor="setup-year">
                <InputNumber
                  id="setup-year"
                  min={2000}
                  max={2100}
                  value={year}
                  onChange={(v) => {
                    if (typeof v === 'number') {
                      setYear(v);
                      setValues(undefined);
                      setChosen(undefined);
                    }
                  }}
                />
              </Form.Item>
            </Form>
          </Card>

          {selected && process && (
            <Card size="small" title={`${selected.year}年度的评选活动`}>
              <CampaignControls campaign={selected} process={process} />
            </Card>
          )}

          {calendarMissing && (
            <Alert
              type="warning"
              showIcon
              title={`${year}年的节假日安排尚未录入`}
              description={
                <>
                  日程按工作日历计算，请先在<Link to="/calendar">工作日历</Link>中录入{year}年的放假与调休安排。
                </>
              }
            />
          )}
          {!calendarMissing && <QueryState query={defaults}>
            {process && form && defaults.data && (
              <div className="dashboard-grid two">
                <Card size="small" title="参数（默认为文件规定）">
                  <Form layout="vertical">
                    <Form.Item label="活动名称（可不填，按流程自动命名）" htmlFor="setup-title-input">
                      <Input id="setup-title-input" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
                    </Form.Item>
                  </Form>
                  <ParameterForm schema={form.schema} uiSchema={form.uiSchema} value={values} year={year} onChange={setValues} />
                </Card>
                <Card size="small" title="日程预览" extra={preview.isFetching ? <Typography.Text type="secondary">正在计算…</Typography.Text> : null}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {preview.isError && <Refusal error={preview.error} />}
                    <PlanPreview plan={(preview.data ?? defaults.data).plan} />
                    <Button type="primary" disabled={preview.isError || preview.isFetching || !!selected} onClick={() => setCreating(true)}>
                      创建评选活动
                    </Button>
                    {selected && <Typography.Text type="secondary">该年度已有此项评选活动，见上方。</Typography.Text>}
                  </Space>
                </Card>
              </div>
            )}
          </QueryState>}
        </Space>
      </QueryState>
      <ReasonModal open={creating} title={`创建${year}年度${process?.name ?? ''}`} okText="确认创建" onClose={() => setCreating(false)} onSubmit={(v) => create.mutateAsync(v.reason)} />
    </section>
  );
}
