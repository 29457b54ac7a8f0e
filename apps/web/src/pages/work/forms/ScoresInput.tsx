import { Form, InputNumber } from 'antd';

export interface ScoresFormSpec {
  kind: 'scores';
  candidates: Array<{ id: string; name: string }>;
  min: number;
  max: number;
}
export interface ScoresValue {
  scores: Record<string, number | null>;
  participants: number | null;
}

/** 测评结果: a score per candidate within the form's range, and how many took part. */
export function ScoresInput({ form, value, onChange }: { form: ScoresFormSpec; value: ScoresValue; onChange: (v: ScoresValue) => void }) {
  return (
    <>
      {form.candidates.map((c) => (
        <Form.Item key={c.id} label={`${c.name}的测评得分（${form.min}–${form.max}）`} htmlFor={`score-${c.id}`} required>
          <InputNumber
            id={`score-${c.id}`}
            min={form.min}
            max={form.max}
            style={{ width: '100%' }}
            value={value.scores[c.id] ?? null}
            onChange={(n) => onChange({ ...value, scores: { ...value.scores, [c.id]: n } })}
          />
        </Form.Item>
      ))}
      <Form.Item label="参加测评的人数" htmlFor="participants" required>
        <InputNumber id="participants" min={1} precision={0} style={{ width: '100%' }} value={value.participants} onChange={(n) => onChange({ ...value, participants: n })} />
      </Form.Item>
    </>
  );
}
