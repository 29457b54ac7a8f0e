import { z } from 'zod';
import { MAX_PHRASES_PER_DECISION, MAX_PHRASE_LENGTH, PHRASE_DECISIONS } from '../../../../libs/domain/src';

/** A user's opinion phrases (常用意见), one list per decision kind. */
export const opinionPhrasesSchema = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        decision: z.enum(PHRASE_DECISIONS).describe('办理结论：approve 同意、return 退回修改、reject 不同意'),
        label: z.string().describe('结论名称'),
        own: z.boolean().describe('true 为本人维护的常用意见；false 为本人未维护时的默认常用意见'),
        phrases: z.array(z.string()).describe('常用意见，按本人排列的顺序'),
      }),
    )
    .describe('每类结论一项，依次为 approve、return、reject'),
  maxPerDecision: z.int().min(1).describe('每类结论最多可保存的条数'),
  maxLength: z.int().min(1).describe('每条常用意见的最多字数'),
});

export const opinionPhrasesExample: z.infer<typeof opinionPhrasesSchema> = {
  decisions: [
    { decision: 'approve', label: '同意', own: true, phrases: ['同意推荐', '经党委集体研究，同意推荐'] },
    { decision: 'return', label: '退回修改', own: false, phrases: ['材料不全，请补充后重新报送'] },
    { decision: 'reject', label: '不同意', own: false, phrases: ['不符合推荐条件'] },
  ],
  maxPerDecision: MAX_PHRASES_PER_DECISION,
  maxLength: MAX_PHRASE_LENGTH,
};

const list = (label: string) =>
  z
    .array(z.string({ error: '常用意见必须是文本' }), { error: `${label}的常用意见须为文本数组` })
    .optional()
    .describe(`“${label}”的常用意见：最多${MAX_PHRASES_PER_DECISION}条，每条1至${MAX_PHRASE_LENGTH}个字（去掉首尾空白后），不重复；超出时整体不保存，答复 422（INVALID_OPINION_PHRASES）。空数组或省略表示该类使用默认常用意见`);

/** The whole of a user's phrase lists, replacing what they kept before. */
export const replaceOpinionPhrasesSchema = z.strictObject({
  approve: list('同意'),
  return: list('退回修改'),
  reject: list('不同意'),
});
