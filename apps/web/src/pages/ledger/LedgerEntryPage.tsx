import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, idempotencyKey, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { paths } from '../../api/schema';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { GRADE_COLORS, GRADE_LABELS, type Grade } from '../../labels';
import { useUser } from '../../session/SessionContext';

type Entry = paths['/ledger/{branchId}']['get']['responses'][200]['content']['application/json'];
type Change = NonNullable<paths['/ledger/{branchId}']['put']['requestBody']>['content']['application/json'];

const GRADE_OPTIONS = (Object.keys(GRADE_LABELS) as Grade[]).map((g) => ({ value: g, label: GRADE_LABELS[g] }));

/** One branch's ledger: its entry, the form to change it (superior reviewers, administrators) and its history. */
export function LedgerEntryPage() {
  const { branchId = '' } = useParams();
  const entry = useQuery({
    queryKey: ['ledger', 'entry', branchId],
    queryFn: () => unwrap(api.GET('/ledger/{branchId}', { params: { path: { branchId } } })),
  });
  return (
    <section aria-labelledby="ledger-entry-title">
      <Typography.Title level={3} id="ledger-entry-title">
        {entry.data?.branchName ?? '党支部台账'}
      </Typography.Title>
      <Link to="/ledger">返回台账</Link>
      <QueryState query={entry}>{entry.data && <EntryView entry={entry.data} />}</QueryState>
    </section>
  );
}

function EntryView({ entry }: { entry: Entry }) {
  const user = useUser();
  const mayEdit = user.roles.some((r) => r.role === 'reviewer' || r.role === 'administrator');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 12 }}>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="所属党委">{entry.committeeName}</Descriptions.Item>
          <Descriptions.Item label="领域">{entry.domainLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="等次">{entry.grade ? <Tag color={GRADE_COLORS[entry.grade]}>{entry.gradeLabel}</Tag> : '未建台账'}</Descriptions.Item>
          <Descriptions.Item label="年度考评">{entry.evaluation || '—'}</Descriptions.Item>
          <Descriptions.Item label="目标">{entry.goals.map((g) => `${g.year}年${g.gradeLabel}`).join('，') || '—'}</Descriptions.Item>
          <Descriptions.Item label="联系人">{[entry.contact, entry.contactTitle, entry.phone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label="存在问题">{entry.problems || '—'}</Descriptions.Item>
          <Descriptions.Item label="整改措施">{entry.measures || '—'}</Descriptions.Item>
          <Descriptions.Item label="最后修改">{entry.updatedAt ? `${formatDateTime(entry.updatedAt)} ${entry.updatedBy?.displayName ?? ''}` : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      {mayEdit && <EntryForm entry={entry} />}
      <Card size="small" title="等次与考评结果的变化">
        {entry.history.length ? (
          <Timeline
            items={entry.history.map((h) => ({
              content: (
                <div>
                  <Typography.Text strong>
                    {h.year}年 {h.previousGradeLabel ? `${h.previousGradeLabel} → ` : ''}
                    {h.gradeLabel}
                  </Typography.Text>{' '}
                  <Tag>{h.sourceLabel}</Tag>
                  <div>
                    {h.reason} {h.evaluation && `（${h.evaluation}）`}
                  </div>
                  <Typography.Text type="secondary">
                    {h.decidedBy?.organisationName ?? ''} {h.actorName} · {formatDateTime(h.recordedAt)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">暂无变化记录</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

interface FormValues {
  grade?: Grade;
  goals: Array<{ year: number; grade: Grade }>;
  problems: string;
  measures: string;
  evaluation: string;
  contact: string;
  contactTitle: string;
  phone: string;
  reason: string;
}

function EntryForm({ entry }: { entry: Entry }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (body: Change) => unwrap(api.PUT('/ledger/{branchId}', { params: { path: { branchId: entry.branchId }, header: { 'Idempotency-Key': idempotencyKey() } }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['ledger', 'entry', entry.branchId], saved);
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      form.setFieldValue('reason', '');
      void message.success('台账已保存');
    },
  });
  const initial: FormValues = {
    grade: entry.grade ?? undefined,
    goals: entry.goals.map((g) => ({ year: g.year, grade: g.grade })),
    problems: entry.problems,
    measures: entry.measures,
    evaluation: entry.evaluation,
    contact: entry.contact,
    contactTitle: entry.contactTitle,
    phone: entry.phone,
    reason: '',
  };
  return (
    <Card size="small" title="修改台账">
      {save.isError && <ErrorAlert error={save.error} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          // Only what changed is sent, so the history records exactly what the reviewer decided.
          const body: Record<string, unknown> = {};
          for (const key of Object.keys(v) as Array<keyof FormValues>) {
            if (JSON.stringify(v[key]) !== JSON.stringify(initial[key])) body[key] = v[key];
          }
          if (!Object.keys(body).length || (Object.keys(body).length === 1 && 'reason' in body)) {
            void message.info('没有需要保存的修改');
            return;
          }
          save.mutate(body as Change);
        }}
      >
        <Form.Item label="等次" name="grade">
          <Select options={GRADE_OPTIONS} placeholder="选择等次" />
        </Form.Item>
        <Form.Item label="年度考评结果" name="evaluation" rules={[{ max: 200, message: '不超过200字' }]}>
          <Input />
        </Form.Item>
        <Form.List name="goals">
          {(fields, { add, remove }) => (
            <Form.Item label="培树目标（每年至多一项，最多三年）">
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'year']} rules={[{ required: true, message: '请填写年度' }]} label="年度">
                    <InputNumber min={2000} max={2100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'grade']} rules={[{ required: true, message: '请选择等次' }]} label="目标等次">
                    <Select options={GRADE_OPTIONS} style={{ width: 120 }} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>删除</Button>
                </Space>
              ))}
              {fields.length < 3 && <Button onClick={() => add({ year: new Date().getFullYear() + fields.length, grade: 'average' })}>添加目标</Button>}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item label="存在问题" name="problems" rules={[{ max: 2000, message: '不超过2000字' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item label="整改措施" name="measures" rules={[{ max: 2000, message: '不超过2000字' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="联系人" name="contact" rules={[{ max: 50, message: '不超过50字' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="职务" name="contactTitle" rules={[{ max: 50, message: '不超过50字' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="电话" name="phone" rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})?$/, message: '请填写手机号或带区号的固定电话' }]}>
            <Input inputMode="tel" />
          </Form.Item>
        </Space>
        <Form.Item label="调整理由" name="reason" rules={[{ max: 500, message: '不超过500字' }]} extra="调整等次或年度考评结果时填写，记入台账历史和审计">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
