import { z } from 'zod';
import { EXAMPLE, id, timestamp } from '../openapi/schemas';

export const auditRecordSchema = z.strictObject({
  seq: z.int().describe('在审计链中的序号'),
  at: timestamp,
  actor: z.strictObject({ id: id.nullable().describe('系统自动执行时为 null'), name: z.string(), role: z.string(), roleLabel: z.string() }),
  organisation: z.strictObject({ id, name: z.string() }).nullable().describe('全市范围内由系统自动执行时为 null'),
  action: z.string().describe('操作代码，写入审计记录时的原始值'),
  actionLabel: z.string().describe('操作的中文名称；未收录的代码显示为“其他操作（代码）”'),
  subjectType: z.string().describe('对象类别代码，写入审计记录时的原始值'),
  subjectTypeLabel: z.string().describe('对象类别的中文名称；未收录的代码显示为“其他（代码）”'),
  subjectId: z.string(),
  opinion: z.string(),
  before: z.unknown().describe('变更前的内容，结构随操作而定'),
  after: z.unknown().describe('变更后的内容，结构随操作而定'),
  changes: z
    .array(
      z.strictObject({
        field: z.string().describe('字段的原始键名'),
        label: z.string().describe('字段的中文名称；未收录的键名显示为“其他（键名）”'),
        before: z.string().nullable().describe('变更前的值（中文显示文本：代码换成名称，调用者可见的组织、人员和待办的编号换成其名称，是/否，北京时间）；原先没有该字段时为 null'),
        after: z.string().nullable().describe('变更后的值（中文显示文本）；变更后没有该字段时为 null'),
      }),
    )
    .describe('变更前后的各个字段，供审计页面显示：只有一侧内容（新建、删除）时列出全部字段，否则只列出有变化的字段'),
});

export const auditPageSchema = z.strictObject({ total: z.int(), limit: z.int(), offset: z.int(), items: z.array(auditRecordSchema) });

export const auditPageExample: z.infer<typeof auditPageSchema> = {
  total: 1,
  limit: 50,
  offset: 0,
  items: [
    {
      seq: 1024,
      at: EXAMPLE.at,
      actor: { id: EXAMPLE.userId, name: '泰山区财源街道党工委审核人', role: 'reviewer', roleLabel: '审核人' },
      organisation: { id: EXAMPLE.committeeId, name: '中共泰山区财源街道工作委员会' },
      action: 'ledger.entry.updated',
      actionLabel: '修改台账',
      subjectType: 'ledger_entry',
      subjectTypeLabel: '台账',
      subjectId: EXAMPLE.branchId,
      opinion: '',
      before: { grade: 'average' },
      after: { grade: 'advanced' },
      changes: [{ field: 'grade', label: '等次', before: '中间', after: '先进' }],
    },
  ],
};
