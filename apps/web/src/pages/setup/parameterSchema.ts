import type { RJSFSchema, UiSchema } from '@rjsf/utils';

/**
 * Chinese names for the parameters processes take (GET /processes gives their JSON Schema, keyed in English).
 * A parameter not named here takes its description from the parameters in force, or a deadline its stage's name.
 */
const PARAMETER_LABELS: Record<string, string> = {
  quota: '命名名额',
  recommendationRatio: '差额比例（每个名额的推荐对象数）',
  advancedCap: '先进党支部比例上限（0.1 即 10%）',
  capExceptions: '超出比例上限时',
  unitNotice: '单位内部公示期',
  publicNotice: '社会公示期',
  consultation: '征求意见期限',
  unansweredConsultation: '单位逾期未反馈意见时',
  deadlines: '各阶段截止日期',
  menteesPerRedFlag: '每个红旗党支部帮带的党支部数',
  menteesTolerance: '帮带数可上下浮动',
  applicationOpens: '推荐申报开始日期',
  recentHonourYears: '“近年来”的年数（重点推荐）',
  cultivationPerCounty: '各县市区每年至少培树的党支部数',
  amount: '时长',
  unit: '计算方式',
  selfInspection: '季度自查',
  lateWindow: '逾期补报期限',
  specialInspectionMonths: '专项督查月份',
  firstHalf: '上半年',
  secondHalf: '下半年',
  rectification: '整改期限',
  aGradeCap: 'A级比例上限（0.1 即 10%）',
  minimumMembers: '重点帮扶的党员人数下限',
  trainingsPerYear: '书记每年至少培训次数',
  gradeThresholds: '等次分数线',
  A: 'A级',
  B: 'B级',
  C: 'C级',
};

const ENUM_LABELS: Record<string, string> = {
  calendar_days: '自然日',
  working_days: '工作日',
  with_reason: '说明理由后可超出',
  never: '不得超出',
  ask: '由本级审核人决定',
  no_objection: '视为无意见',
  block: '不得推荐',
};

const MONTH_DAY = /\(0\[1-9\]\|1\[0-2\]\)/;
const camelToSnake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Schema = RJSFSchema & { properties?: Record<string, Schema>; description?: string };

/**
 * The process's override schema made ready for a form: every field named in Chinese, choices by their names,
 * month-days picked on a calendar. Returns the schema and its ui schema.
 */
export function formSchemaOf(overrides: Record<string, unknown>, inForce: Record<string, unknown>, stages: Array<{ id: string; label: string }>): { schema: RJSFSchema; uiSchema: UiSchema } {
  const stageLabel = new Map(stages.map((s) => [s.id, s.label]));
  const walk = (node: Schema, force: Schema | undefined, key: string | null, parent: string | null): [Schema, UiSchema] => {
    const out: Schema = { ...node };
    const ui: UiSchema = {};
    delete (out as Record<string, unknown>).$schema;
    if (key) {
      const fromStage = parent === 'deadlines' ? stageLabel.get(camelToSnake(key)) : undefined;
      out.title = PARAMETER_LABELS[key] ?? (fromStage ? `${fromStage}截止` : undefined) ?? force?.description ?? key;
    }
    if (Array.isArray(out.enum)) {
      const values = out.enum as string[];
      delete out.enum;
      out.oneOf = values.map((v) => ({ const: v, title: ENUM_LABELS[v] ?? v }));
    }
    if (typeof out.pattern === 'string' && MONTH_DAY.test(out.pattern)) ui['ui:widget'] = 'monthDay';
    if (out.properties) {
      const props: Record<string, Schema> = {};
      for (const [k, child] of Object.entries(out.properties)) {
        const [s, u] = walk(child, force?.properties?.[k], k, key);
        props[k] = s;
        ui[k] = u;
      }
      out.properties = props;
    }
    return [out, ui];
  };
  const [schema, uiSchema] = walk(overrides as Schema, inForce as Schema, null, null);
  return { schema, uiSchema: { ...uiSchema, 'ui:submitButtonOptions': { norender: true } } };
}

/** The defaults in force reduced to what the form may change (the parameters the override schema names). */
export function overridableValues(schema: RJSFSchema, values: unknown): unknown {
  if (!schema.properties || typeof values !== 'object' || values === null) return values;
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(schema.properties)) {
    const v = (values as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = overridableValues(child as RJSFSchema, v);
  }
  return out;
}
