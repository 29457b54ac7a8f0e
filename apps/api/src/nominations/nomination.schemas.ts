import { z } from 'zod';
import { HONOUR_LEVELS } from '../../../../libs/domain/src';

const text = (label: string, max: number) =>
  z.string({ error: `${label}必须是文本` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);

export const honourSchema = z.strictObject({
  title: text('荣誉名称', 200),
  level: z.enum(HONOUR_LEVELS, { error: '荣誉级别必须是 national、provincial、city、county 或 other' }),
  year: z.number({ error: '获得年份必须是数字' }).int().min(1949).max(2100),
});

/** The fields of the recommendation-approval form (附件3) a branch fills in. */
export const nominationFormSchema = z.strictObject({
  secretaryName: text('支部书记姓名', 50),
  secretaryPhone: z.string({ error: '联系电话必须是文本' }).regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确（手机号或带区号的固定电话）'),
  basicSituation: text('基本情况', 5000),
  honours: z.array(honourSchema).max(50, '荣誉最多填写50项').default([]),
  mainDeeds: text('主要事迹', 20000),
});

export const submitNominationSchema = z.strictObject({
  branchId: z.uuid({ error: '支部编号格式不正确' }),
  campaignYear: z.number({ error: '年度必须是数字' }).int().min(2000).max(2100).optional(),
  form: nominationFormSchema,
});
export type SubmitNominationBody = z.infer<typeof submitNominationSchema>;

export const resubmitNominationSchema = z.strictObject({ form: nominationFormSchema });

export const listNominationsQuery = z.strictObject({
  status: z.enum(['under_review', 'returned', 'approved', 'rejected']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

