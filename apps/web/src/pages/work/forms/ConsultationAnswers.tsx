import { Card, Form, Input, Radio, Space } from 'antd';

export interface ConsultationFormSpec {
  kind: 'consultation';
  candidates: Array<{ id: string; name: string }>;
}
export type Answer = 'no_objection' | 'objection' | 'veto';
export interface ConsultationValue {
  answers: Array<{ candidateId: string; answer: Answer; reason: string }>;
}

const ANSWERS: Array<{ value: Answer; label: string }> = [
  { value: 'no_objection', label: '无异议' },
  { value: 'objection', label: '有异议' },
  { value: 'veto', label: '一票否决' },
];

/** Starts with "no objection" for every candidate asked about: the agency changes the ones it objects to. */
export const initialConsultation = (form: ConsultationFormSpec): ConsultationValue => ({
  answers: form.candidates.map((c) => ({ candidateId: c.id, answer: 'no_objection', reason: '' })),
});

/** 征求意见答复: each candidate — no objection, objection or veto — with the reason (required unless no objection). */
export function ConsultationAnswers({ form, value, onChange }: { form: ConsultationFormSpec; value: ConsultationValue; onChange: (v: ConsultationValue) => void }) {
  const set = (candidateId: string, patch: Partial<ConsultationValue['answers'][number]>) =>
    onChange({ answers: value.answers.map((a) => (a.candidateId === candidateId ? { ...a, ...patch } : a)) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {form.candidates.map((c) => {
        const a = value.answers.find((x) => x.candidateId === c.id) ?? { candidateId: c.id, answer: 'no_objection' as Answer, reason: '' };
        return (
          <Card key={c.id} size="small" title={c.name}>
            <Form.Item label={`对“${c.name}”的意见`} required>
              <Radio.Group aria-label={`对“${c.name}”的意见`} value={a.answer} onChange={(e) => set(c.id, { answer: e.target.value as Answer })} options={ANSWERS} />
            </Form.Item>
            <Form.Item label={`理由（${c.name}）`} htmlFor={`reason-${c.id}`} required={a.answer !== 'no_objection'} style={{ marginBottom: 0 }}>
              <Input.TextArea id={`reason-${c.id}`} rows={2} maxLength={2000} value={a.reason} onChange={(e) => set(c.id, { reason: e.target.value })} />
            </Form.Item>
          </Card>
        );
      })}
    </Space>
  );
}
