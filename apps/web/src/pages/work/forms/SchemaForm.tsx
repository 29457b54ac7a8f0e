import Form from '@rjsf/antd';
import { TranslatableString, englishStringTranslator } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useState } from 'react';
import { AttachmentIdsField, type TaskFormContext } from './AttachmentIdsField';
import { schemaView } from './schemaView';

/** rjsf's own words (buttons, empty lists) in Chinese; anything not listed keeps its template. */
const CHINESE: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '第%1行',
  [TranslatableString.EmptyArray]: '尚未填写，请点击下方按钮添加一行',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '错误',
  [TranslatableString.NewStringDefault]: '',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一行',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '选择日期',
  [TranslatableString.DecrementAriaLabel]: '减1',
  [TranslatableString.IncrementAriaLabel]: '加1',
  [TranslatableString.OptionalObjectAdd]: '填写此项',
  [TranslatableString.OptionalObjectRemove]: '不填此项',
  [TranslatableString.OptionalObjectEmptyMsg]: '未填写',
  [TranslatableString.ClearButton]: '清空',
  [TranslatableString.OptionPrefix]: '选项%1',
};

/** Fields drawn by their own widget, named by schemaView's uiSchema. */
const FIELDS = { attachmentIds: AttachmentIdsField };

const translate = (s: TranslatableString, params?: string[]) => (CHINESE[s] !== undefined ? englishStringTranslator(CHINESE[s] as TranslatableString, params) : englishStringTranslator(s, params));

/**
 * Any other form, rendered from the task's JSON Schema (plan rows, inspection
 * records…); fields holding attachment ids upload files to the task. The
 * server judges the answer; this keeps what was typed.
 */
export function SchemaForm({ schema, form, initialValue, onChange, taskId }: { schema: Record<string, unknown>; form?: unknown; initialValue: unknown; onChange: (v: unknown) => void; taskId: string }) {
  const shown = useMemo(() => {
    // The document's dialect marker is not needed to render, and ajv's default dialect would refuse it.
    const { $schema: _dialect, ...rest } = schema;
    const view = schemaView(rest, form);
    return { schema: view.schema, uiSchema: { ...view.uiSchema, 'ui:submitButtonOptions': { norender: true } } };
  }, [schema, form]);
  // The same objects from one render to the next: rjsf compares its props deeply on every change, the whole schema each time.
  const formContext = useMemo(() => ({ taskId }) satisfies TaskFormContext, [taskId]);
  // Uncontrolled: rjsf keeps what is typed and reports it through onChange; the value the form started from is read once.
  // Handed back as formData, every change would recompute the form's state from the whole schema a second time.
  const [initial] = useState(initialValue);
  return (
    <div className="task-schema-form">
      <Form
        schema={shown.schema}
        validator={validator}
        formData={initial}
        onChange={(e) => onChange(e.formData)}
        translateString={translate}
        fields={FIELDS}
        formContext={formContext}
        uiSchema={shown.uiSchema}
        showErrorList={false}
        idPrefix="task-form"
      />
    </div>
  );
}
