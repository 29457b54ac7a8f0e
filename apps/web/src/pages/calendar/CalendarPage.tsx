import { App, Button, Calendar, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, idempotencyKey, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { paths } from '../../api/schema';
import { LoadError, QueryState } from '../../components/QueryState';
import { dayjs, formatDateTime } from '../../format';

type YearDays = paths['/calendar/years/{year}']['get']['responses'][200]['content']['application/json'];
type DayKind = YearDays['days'][number]['kind'];

const KIND_LABELS: Record<DayKind, string> = { holiday: '放假', adjusted_workday: '调休上班' };

/** 工作日历: the years entered, and one year's holidays and adjusted working days, to view and to enter. */
export function CalendarPage() {
  const [search, setSearch] = useSearchParams();
  const years = useQuery({ queryKey: ['calendar', 'years'], queryFn: () => unwrap(api.GET('/calendar/years')) });
  const next = (years.data?.at(-1)?.year ?? new Date().getFullYear()) + 1;
  const year = Number(search.get('year') ?? next);
  const choices = [...new Set([...(years.data ?? []).map((y) => y.year), next])].sort();
  return (
    <section aria-labelledby="calendar-title">
      <Typography.Title level={3} id="calendar-title">
        工作日历
      </Typography.Title>
      <QueryState query={years}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Table
            rowKey="year"
            size="small"
            dataSource={years.data}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(row) => ({ onClick: () => setSearch({ year: String(row.year) }) })}
            columns={[
              { title: '年份', dataIndex: 'year', render: (y: number) => <a onClick={() => setSearch({ year: String(y) })}>{y}年</a> },
              { title: '放假', dataIndex: 'holidays', render: (n: number) => `${n} 天` },
              { title: '调休上班', dataIndex: 'adjustedWorkdays', render: (n: number) => `${n} 天` },
              { title: '依据', dataIndex: 'source', responsive: ['md'] },
              { title: '更新', dataIndex: 'updatedAt', responsive: ['lg'], render: (at: string) => formatDateTime(at) },
            ]}
          />
          <Space wrap>
            <label htmlFor="calendar-year">年份</label>
            <Select id="calendar-year" aria-label="年份" value={year} onChange={(y) => setSearch({ year: String(y) })} options={choices.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 120 }} />
          </Space>
          <YearEditor key={year} year={year} known={(years.data ?? []).some((y) => y.year === year)} />
        </Space>
      </QueryState>
    </section>
  );
}

interface DayRow {
  date: Dayjs;
  kind: DayKind;
  name: string;
}
interface FormValues {
  source: string;
  note: string;
  days: DayRow[];
}

function YearEditor({ year, known }: { year: number; known: boolean }) {
  const days = useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: () => unwrap(api.GET('/calendar/years/{year}', { params: { path: { year } } })),
    enabled: known,
  });
  if (known && days.isError) return <LoadError error={days.error} retry={() => void days.refetch()} />;
  if (known && days.isPending) return <Card loading />;
  return <YearForm year={year} current={days.data} />;
}

function YearForm({ year, current }: { year: number; current?: YearDays }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const watched = Form.useWatch('days', form);
  const marks = useMemo(() => new Map((watched ?? []).filter((d) => d?.date).map((d) => [d.date.format('YYYY-MM-DD'), d])), [watched]);
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      unwrap(
        api.PUT('/calendar/years/{year}', {
          params: { path: { year }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: { source: v.source, note: v.note ?? '', days: v.days.map((d) => ({ date: d.date.format('YYYY-MM-DD'), kind: d.kind, name: d.name })) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
      void message.success(`${year}年的放假与调休安排已保存`);
    },
  });
  const initial: FormValues = {
    source: current?.source ?? '',
    note: current?.note ?? '',
    days: (current?.days ?? []).map((d) => ({ date: dayjs(d.date), kind: d.kind, name: d.name })),
  };
  return (
    <Card size="small" title={`${year}年放假与调休安排${current ? '' : '（尚未录入）'}`}>
      {save.isError && <ErrorAlert error={save.error} />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item label="依据（通知文号）" name="source" rules={[{ required: true, message: '请填写依据，如国务院办公厅通知的文号' }, { max: 200, message: '不超过200字' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 1000, message: '不超过1000字' }]}>
          <Input.TextArea autoSize={{ minRows: 1 }} />
        </Form.Item>
        <Form.List name="days" rules={[{ validator: async (_, v: DayRow[]) => (v?.length ? undefined : Promise.reject(new Error('至少录入一天'))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item label="日期" name={[field.name, 'date']} rules={[{ required: true, message: '请选择日期' }]}>
                    <DatePicker
                      disabledDate={(d) => d.year() !== year}
                      defaultPickerValue={dayjs(`${year}-01-01`)}
                      format="YYYY-MM-DD"
                      inputReadOnly
                    />
                  </Form.Item>
                  <Form.Item label="类型" name={[field.name, 'kind']} rules={[{ required: true, message: '请选择类型' }]}>
                    <Select style={{ width: 120 }} options={(Object.keys(KIND_LABELS) as DayKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
                  </Form.Item>
                  <Form.Item label="节日" name={[field.name, 'name']} rules={[{ required: true, message: '请填写节日名称' }, { max: 50, message: '不超过50字' }]}>
                    <Input style={{ width: 140 }} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>删除</Button>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button onClick={() => add({ kind: 'holiday', name: '' })} style={{ marginBottom: 12 }}>
                添加日期
              </Button>
            </>
          )}
        </Form.List>
        <Calendar
          fullscreen={false}
          validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
          defaultValue={dayjs(`${year}-01-01`)}
          // The year is the page's; only the month is chosen here, with a labelled select.
          headerRender={({ value, onChange }) => (
            <Space style={{ padding: 8 }}>
              <label htmlFor="calendar-month">月份</label>
              <Select
                id="calendar-month"
                aria-label="月份"
                value={value.month()}
                onChange={(m) => onChange(value.month(m))}
                options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: `${m + 1}月` }))}
                style={{ width: 90 }}
              />
            </Space>
          )}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const mark = marks.get(d.format('YYYY-MM-DD'));
            return mark ? <Tag color={mark.kind === 'holiday' ? 'red' : 'blue'} title={mark.name}>{mark.kind === 'holiday' ? '休' : '班'}</Tag> : null;
          }}
        />
        <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 12 }}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
