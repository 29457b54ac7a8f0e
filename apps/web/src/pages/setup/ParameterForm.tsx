import Form from '@rjsf/antd';
import type { RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { DatePicker } from 'antd';
import { dayjs } from '../../format';

/** A month-day ("03-15") picked on the campaign year's calendar. */
function MonthDayWidget({ id, value, onChange, disabled, readonly, label, registry }: WidgetProps) {
  const year = (registry.formContext as { year: number }).year;
  return (
    <DatePicker
      id={id}
      aria-label={label}
      value={value ? dayjs(`${year}-${value}`) : null}
      format="YYYY年M月D日"
      allowClear={false}
      disabled={disabled || readonly}
      onChange={(d) => onChange(d ? d.format('MM-DD') : undefined)}
      style={{ width: '100%', maxWidth: 240 }}
    />
  );
}

/**
 * The process's parameters as a form rendered from its JSON Schema. The server checks them (preview on each
 * change), so the form has no submit of its own and shows the server's refusal, in Chinese, above it.
 */
export function ParameterForm({ schema, uiSchema, value, year, onChange }: { schema: RJSFSchema; uiSchema: UiSchema; value: unknown; year: number; onChange: (v: unknown) => void }) {
  return (
    <Form
      schema={schema}
      uiSchema={uiSchema}
      formData={value}
      validator={validator}
      widgets={{ monthDay: MonthDayWidget }}
      formContext={{ year }}
      noHtml5Validate
      showErrorList={false}
      onChange={(e) => onChange(e.formData)}
    />
  );
}
