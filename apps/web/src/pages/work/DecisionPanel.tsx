import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, idempotencyKey, messageOf, unwrap } from '../../api/client';
import { ConsultationAnswers, type ConsultationFormSpec, initialConsultation } from './forms/ConsultationAnswers';
import { SchemaForm } from './forms/SchemaForm';
import { OpinionPhrasePicker } from './OpinionPhrases';
import { ScoresInput, type ScoresFormSpec, type ScoresValue } from './forms/ScoresInput';
import { type SelectionFormSpec, SelectionPicker, type SelectionValue } from './forms/SelectionPicker';
import type { AvailableAction, DecisionBody, TaskDetail } from './types';

/** The value a form starts with, by its kind. */
function initialData(form: TaskDetail['form']): unknown {
  switch (form?.kind) {
    case 'selection':
      return { chosen: [] } satisfies SelectionValue;
    case 'consultation':
      return initialConsultation(form as unknown as ConsultationFormSpec);
    case 'scores':
      return { scores: {}, participants: null } satisfies ScoresValue;
    default:
      return undefined;
  }
}

/** `value` once it has stopped changing for a moment (a check per pause in typing, not per keystroke). */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * 办理: the outcomes the task offers, the opinion, where a return goes, and
 * the form the positive outcome carries (a dedicated widget for a pick, scores
 * or a consultation answer; any other from its JSON Schema), the user's 常用意见
 * for the chosen outcome a click away from the opinion field. Confirmed before
 * sending; a refusal is shown with the server's message and nothing typed is lost.
 */
export function DecisionPanel({ task, action }: { task: TaskDetail; action: AvailableAction }) {
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const outcomes = action.outcomes ?? [];
  const [decision, setDecision] = useState(outcomes[0]?.value);
  const [opinion, setOpinion] = useState('');
  const [returnTo, setReturnTo] = useState('submitter');
  const [data, setData] = useState<unknown>(() => initialData(task.form));
  const outcome = outcomes.find((o) => o.value === decision);
  const withForm = !!outcome?.formRequired && !!task.form;
  const returning = decision === 'return' && (action.returnTargets?.length ?? 0) > 0;

  const body = (): DecisionBody => ({
    decision: decision!,
    opinion,
    ...(returning ? { returnTo } : {}),
    ...(withForm ? { data: data as DecisionBody['data'] } : {}),
  });

  // A differential pick is checked by the server's own rules while the user picks, before anything is sent.
  const pick = useSettled(withForm && task.form?.kind === 'selection' ? (data as SelectionValue) : null);
  const check = useQuery({
    queryKey: ['tasks', task.id, 'check', decision, pick],
    enabled: !!pick && pick.chosen.length > 0,
    queryFn: () =>
      unwrap(api.POST('/tasks/{id}/decision/check', { params: { path: { id: task.id } }, body: { decision: decision!, opinion, data: pick as DecisionBody['data'] } })),
    placeholderData: (previous) => previous,
  });

  const submit = useMutation({
    mutationFn: () => unwrap(api.POST('/tasks/{id}/decision', { params: { path: { id: task.id }, header: { 'Idempotency-Key': idempotencyKey() } }, body: body() })),
    onSuccess: async () => {
      void message.success('已办理');
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void navigate('/tasks');
    },
  });

  const confirm = () =>
    modal.confirm({
      title: `确认“${outcome?.label ?? decision}”？`,
      content: opinion.trim() ? `意见：${opinion.trim()}` : '未填写意见',
      okText: '确认提交',
      cancelText: '再想想',
      onOk: () => submit.mutateAsync().catch(() => undefined),
    });

  let formWidget = null;
  if (withForm && task.form) {
    const form = task.form as Record<string, unknown>;
    if (form.kind === 'selection') {
      formWidget = (
        <SelectionPicker
          form={form as unknown as SelectionFormSpec}
          value={data as SelectionValue}
          onChange={setData}
          problems={pick && pick.chosen.length > 0 && check.data && !check.data.acceptable ? check.data.message : null}
        />
      );
    } else if (form.kind === 'consultation') {
      formWidget = <ConsultationAnswers form={form as unknown as ConsultationFormSpec} value={data as never} onChange={setData} />;
    } else if (form.kind === 'scores') {
      formWidget = <ScoresInput form={form as unknown as ScoresFormSpec} value={data as ScoresValue} onChange={setData} />;
    } else if (task.formSchema) {
      formWidget = <SchemaForm schema={task.formSchema} form={task.form} initialValue={data} onChange={setData} taskId={task.id} />;
    }
  }

  return (
    <Card title="办理" className="decision-panel">
      <Form layout="vertical" onFinish={confirm}>
        {outcomes.length > 1 && (
          <Form.Item label="办理结论" required>
            <Radio.Group
              aria-label="办理结论"
              value={decision}
              onChange={(e) => setDecision(e.target.value as string)}
              optionType="button"
              buttonStyle="solid"
              options={outcomes.map((o) => ({ value: o.value, label: o.label }))}
            />
          </Form.Item>
        )}
        {returning && (
          <Form.Item label="退回至" htmlFor="return-to">
            <Select
              id="return-to"
              value={returnTo}
              onChange={setReturnTo}
              options={[{ value: 'submitter', label: '提交人' }, ...(action.returnTargets ?? []).map((t) => ({ value: t, label: `环节：${t}` }))]}
            />
          </Form.Item>
        )}
        {formWidget}
        <Form.Item label="办理意见" htmlFor="decision-opinion" required={outcome?.opinionRequired} extra={outcome?.opinionRequired ? `“${outcome.label}”须填写意见` : undefined}>
          <Input.TextArea id="decision-opinion" rows={3} maxLength={2000} showCount value={opinion} onChange={(e) => setOpinion(e.target.value)} />
        </Form.Item>
        <OpinionPhrasePicker outcome={decision} onPick={setOpinion} />
        {submit.isError && <Alert type="error" showIcon title="未能办理" description={messageOf(submit.error)} role="alert" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={submit.isPending} block>
          {outcomes.length === 1 && outcome ? outcome.label : `提交“${outcome?.label ?? ''}”`}
        </Button>
      </Form>
    </Card>
  );
}
