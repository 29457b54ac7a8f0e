import type { RJSFSchema, UiSchema } from '@rjsf/utils';

/**
 * How a task's JSON Schema is shown: the server's schema names fields by their keys and
 * offers ids as bare enums, so this gives each field its Chinese title, each id its name
 * (from the task's form and from "id：名称" lists in descriptions), long texts a text
 * area and dates a hint. What is valid is still the server's to judge.
 */

/** Chinese titles of the fields the forms use; `parent.key` where one key means different things. */
const TITLES: Record<string, string> = {
  summary: '实施方案',
  duties: '职责任务',
  duty: '职责任务内容',
  owner: '责任人或责任部门',
  dueOn: '完成时限',
  cases: '党员处理清单',
  memberName: '党员姓名',
  kind: '类别',
  'cases.finding': '排查情况',
  outcome: '处理结果',
  branchIds: '推荐的党支部',
  'root.reasons': '推荐理由',
  chosen: '评定的党支部',
  onSiteItems: '须实地查看的条目',
  note: '申报说明',
  onSiteChecks: '实地查看记录',
  itemCode: '条目',
  checkedBy: '查看人',
  checkedOn: '查看日期',
  finding: '查看情况',
  measures: '整顿措施',
  evidence: '佐证材料',
  name: '品牌名称',
  description: '品牌内涵',
  scores: '逐项评分',
  score: '得分',
  vetoes: '一票否决情形',
  upheldObjection: '公示期间异议经核实成立',
  answers: '答复',
  candidateId: '对象',
  answer: '答复',
  reason: '理由',
  struck: '剔除的对象',
  itemId: '对象',
  // Counted obligations' records (the engine's obligation_record) and Zibo's forms.
  date: '活动日期',
  attendees: '参加人员',
  minutes: '会议记录或佐证材料',
  hours: '本次学时数',
  more: '同一期间的其他活动记录',
  items: '全年安排',
  month: '月份',
  meeting: '会议类型',
  topic: '主题和内容',
  procedure: '程序和步骤',
  criteria: '细化标准',
  criterion: '标准项',
  requirements: '具体要求',
  points: '分值',
  'scores.note': '评分说明',
  gaps: '差距和措施',
  gap: '查找的差距',
  measure: '整改提升措施',
  report: '述职报告',
  bureauRating: '组织评价',
  membersRating: '党员群众评价',
  membersParticipants: '参加测评人数',
  proposals: '项目建议',
  proposer: '提出人',
  title: '项目名称',
  content: '项目内容',
  progress: '实施进展',
  finished: '已实施完毕、申请验收',
};

/** Values that are words, not ids. */
const VALUE_NAMES: Record<string, string> = {
  lost_contact: '“失联”党员',
  law_breaking: '违法违纪党员',
  no_objection: '无异议',
  objection: '有异议',
  veto: '一票否决',
};

const LONG_TEXT = 200;
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "id：名称；id：名称" as a description lists a field's choices. */
function namesInDescription(text: unknown, out: Map<string, string>): boolean {
  if (typeof text !== 'string' || !text.includes('：')) return false;
  const parts = text.replace(/^[^：]*?：(?=[^：]*：)/, (m) => (/^[\w-]+：$/.test(m) ? m : '')).split('；');
  let found = false;
  for (const part of parts) {
    const m = /^([\w-]+)：(.+)$/.exec(part.trim());
    if (m) {
      out.set(m[1]!, m[2]!);
      found = true;
    }
  }
  return found;
}

/** Names the task's form gives its ids: `{id, name}` rows (branches, candidates) and `{code, standard}` items. */
function namesInForm(form: unknown, out: Map<string, string>) {
  if (Array.isArray(form)) {
    for (const x of form) namesInForm(x, out);
    return;
  }
  if (!isNode(form)) return;
  if (typeof form.id === 'string' && typeof form.name === 'string') out.set(form.id, typeof form.committeeName === 'string' ? `${form.name}（${form.committeeName}）` : form.name);
  if (typeof form.code === 'string' && typeof form.standard === 'string') out.set(form.code, `${form.code} ${form.standard}`);
  if (typeof form.code === 'string' && typeof form.text === 'string') out.set(form.code, form.text);
  for (const v of Object.values(form)) if (typeof v === 'object') namesInForm(v, out);
}

function collectDescriptionNames(node: unknown, out: Map<string, string>) {
  if (Array.isArray(node)) return node.forEach((n) => collectDescriptionNames(n, out));
  if (!isNode(node)) return;
  namesInDescription(node.description, out);
  for (const v of Object.values(node)) if (typeof v === 'object') collectDescriptionNames(v, out);
}

const looksLikeIdList = (text: unknown) => typeof text === 'string' && /[0-9a-f]{8}-[0-9a-f]{4}-/.test(text);

/** The JSON Schema keyword the server marks a list of attachment ids with (libs/domain form-attachments). */
const ATTACHMENT_IDS_MARK = 'x-attachments';

function view(node: Node, key: string, parent: string, names: Map<string, string>): { schema: Node; ui: UiSchema } {
  const schema: Node = { ...node };
  const ui: UiSchema = {};
  // Files uploaded to the task, named by id: drawn as an upload widget (AttachmentIdsField), never as a list of ids to type.
  if (node[ATTACHMENT_IDS_MARK] === true) return { schema, ui: { 'ui:field': 'attachmentIds' } };
  const title = TITLES[`${parent}.${key}`] ?? TITLES[key];
  if (key && !schema.title) schema.title = title ?? key;
  // A list of ids names them in the choices themselves; the raw list is no help to read.
  if (looksLikeIdList(schema.description) || namesInDescription(schema.description, new Map())) delete schema.description;
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) {
    const values = schema.enum as string[];
    delete schema.enum;
    schema.oneOf = values.map((v) => ({ const: v, title: names.get(v) ?? VALUE_NAMES[v] ?? v }));
  }
  if (schema.type === 'string' && !schema.oneOf) {
    if (schema.pattern === ISO_DATE) ui['ui:placeholder'] = '例如 2026-12-20';
    else if (typeof schema.maxLength === 'number' && schema.maxLength > LONG_TEXT) ui['ui:widget'] = 'textarea';
  }
  if (schema.type === 'array' && isNode(schema.items)) {
    const items = view(schema.items, '', key, names);
    schema.items = items.schema;
    if (items.schema.oneOf) {
      // A set of choices: tick them, each at most once (the server refuses repeats anyway).
      schema.uniqueItems = true;
      ui['ui:widget'] = 'checkboxes';
    } else ui.items = items.ui;
  }
  if (isNode(schema.properties)) {
    const props: Node = {};
    for (const [k, v] of Object.entries(schema.properties)) {
      if (!isNode(v)) continue;
      const child = view(v, k, key || parent || 'root', names);
      props[k] = child.schema;
      ui[k] = child.ui;
    }
    schema.properties = props;
  }
  return { schema, ui };
}

export function schemaView(schema: Record<string, unknown>, form: unknown): { schema: RJSFSchema; uiSchema: UiSchema } {
  const names = new Map<string, string>();
  collectDescriptionNames(schema, names);
  namesInForm(form, names);
  const { schema: shown, ui } = view(schema, '', '', names);
  return { schema: shown as RJSFSchema, uiSchema: ui };
}
