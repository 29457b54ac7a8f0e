import { Alert, Checkbox, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';

/** A differential pick's parameters as the task carries them (libs/domain SelectionForm). */
export interface SelectionFormSpec {
  kind: 'selection';
  candidates: Array<{
    id: string;
    name: string;
    score: number;
    priority?: boolean;
    excludedBecause?: string;
    ineligibleBecause?: string;
    notes?: string[];
    ledgerGrade?: string | null;
  }>;
  rules: { places: number; minRatio: number; cap?: { share: number; governed: number; exceptions?: 'with_reason' } };
  exact?: boolean;
  atLeast?: number;
}

export interface SelectionValue {
  chosen: string[];
  reasons?: Record<string, string>;
  capException?: string;
}

const GRADE_LABELS: Record<string, string> = { advanced: '先进', average: '中间', lagging: '后进', weak_and_lax: '软弱涣散' };

/** The cap's count: at most this share of the governed branches (rounded down, as the server counts it). */
const capCount = (cap: NonNullable<SelectionFormSpec['rules']['cap']>) => Math.floor(cap.share * cap.governed + 1e-9);

/** The rules of the pick, in the words of the document, shown while the user picks. */
export function selectionRules(form: SelectionFormSpec): string[] {
  const { places, minRatio, cap } = form.rules;
  const most = cap && cap.exceptions !== 'with_reason' ? Math.min(places, capCount(cap)) : places;
  const lines = [
    form.exact ? `名额：须推荐${most}名` : `名额：最多推荐${most}名${form.atLeast !== undefined ? `，至少${form.atLeast}名` : ''}`,
    `差额比例：候选对象与名额之比不低于1:${minRatio}`,
  ];
  if (cap) {
    const pct = Math.round(cap.share * 100);
    lines.push(
      cap.exceptions === 'with_reason'
        ? `比例上限：原则上不超过所辖${cap.governed}个党支部的${pct}%（${capCount(cap)}个），确需超出须说明理由`
        : `比例上限：不超过所辖${cap.governed}个党支部的${pct}%（${capCount(cap)}个）`,
    );
  }
  lines.push('一票否决或不符合评选资格的对象不得推荐', '获省级以上表彰的对象优先推荐，未推荐须说明理由');
  return lines;
}

/**
 * 差额遴选: the candidates with their scores, honours, vetoes and notes; the
 * rules above them; what the pick breaks right now (`problems`, judged by the
 * server's own rules) shown before anything is submitted.
 */
export function SelectionPicker({ form, value, onChange, problems }: { form: SelectionFormSpec; value: SelectionValue; onChange: (v: SelectionValue) => void; problems: string | null }) {
  const chosen = new Set(value.chosen);
  const cap = form.rules.cap;
  const anyPlain = value.chosen.some((id) => !form.candidates.find((c) => c.id === id)?.priority);
  const skippedPriority = form.candidates.filter((c) => c.priority && !c.excludedBecause && !c.ineligibleBecause && !chosen.has(c.id));
  const overCap = cap ? value.chosen.length > capCount(cap) : false;
  const toggle = (id: string, on: boolean) => onChange({ ...value, chosen: on ? [...value.chosen, id] : value.chosen.filter((c) => c !== id) });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title="遴选规则"
        description={
          <ul className="rule-list" aria-label="遴选规则">
            {selectionRules(form).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        }
      />
      <Typography.Text strong aria-live="polite">
        已选 {value.chosen.length} 名 / 候选 {form.candidates.length} 名
      </Typography.Text>
      <List
        aria-label="候选对象"
        bordered
        dataSource={form.candidates}
        renderItem={(c) => {
          const barred = c.excludedBecause ?? c.ineligibleBecause;
          return (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Checkbox checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} aria-label={`推荐：${c.name}`}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                </Checkbox>
                <Space wrap size={4}>
                  <Tag>得分 {c.score}</Tag>
                  {c.priority && <Tag color="gold">获省级以上表彰，优先推荐</Tag>}
                  {c.ledgerGrade && <Tag>台账等次：{GRADE_LABELS[c.ledgerGrade] ?? c.ledgerGrade}</Tag>}
                  {barred && <Tag color="red">不得推荐：{barred}</Tag>}
                  {barred && chosen.has(c.id) && <Tag color="red">已选，违反规则</Tag>}
                </Space>
                {c.notes?.map((n) => (
                  <Typography.Text key={n} type="warning">
                    {n}
                  </Typography.Text>
                ))}
              </Space>
            </List.Item>
          );
        }}
      />
      {anyPlain &&
        skippedPriority.map((c) => (
          <Form.Item key={c.id} label={`未推荐“${c.name}”（获省级以上表彰）的理由`} htmlFor={`reason-${c.id}`}>
            <Input.TextArea
              id={`reason-${c.id}`}
              rows={2}
              maxLength={1000}
              value={value.reasons?.[c.id] ?? ''}
              onChange={(e) => onChange({ ...value, reasons: { ...value.reasons, [c.id]: e.target.value } })}
            />
          </Form.Item>
        ))}
      {cap?.exceptions === 'with_reason' && overCap && (
        <Form.Item label="超出比例上限的理由" htmlFor="cap-exception">
          <Input.TextArea id="cap-exception" rows={2} maxLength={1000} value={value.capException ?? ''} onChange={(e) => onChange({ ...value, capException: e.target.value })} />
        </Form.Item>
      )}
      {problems ? (
        <Alert type="warning" showIcon title="当前选择不符合规则" description={problems} role="alert" />
      ) : (
        value.chosen.length > 0 && <Alert type="success" showIcon title="当前选择符合遴选规则" />
      )}
      <Descriptions size="small" column={1} items={[{ key: 'n', label: '候选对象', children: `${form.candidates.filter((c) => !c.excludedBecause && !c.ineligibleBecause).length} 名符合条件` }]} />
    </Space>
  );
}
