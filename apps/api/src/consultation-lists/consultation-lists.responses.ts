import { z } from 'zod';
import { AGENCY_KINDS, BRANCH_DOMAINS, CURRENT_CONSULTATION_RULES, labelledRules } from '../../../../libs/domain/src';
import { timestamp } from '../openapi/schemas';

const kinds = z.array(z.enum(AGENCY_KINDS));
const labelled = z.array(z.strictObject({ kind: z.enum(AGENCY_KINDS), label: z.string() }));

export const consultationListSchema = z.strictObject({
  year: z.int(),
  stored: z.boolean().describe('false：该年度尚未维护，显示的是默认名单（现行机构名称）'),
  note: z.string().describe('说明，如依据的文件'),
  updatedAt: timestamp.nullable(),
  rules: z.strictObject(Object.fromEntries(BRANCH_DOMAINS.map((d) => [d, kinds])) as Record<(typeof BRANCH_DOMAINS)[number], typeof kinds>).describe('按党支部领域列出征求意见的单位类别'),
  labelled: z.strictObject(Object.fromEntries(BRANCH_DOMAINS.map((d) => [d, labelled])) as Record<(typeof BRANCH_DOMAINS)[number], typeof labelled>).describe('同上，附单位名称'),
});

export const consultationListIndexSchema = z.strictObject({
  years: z.array(z.strictObject({ year: z.int(), note: z.string(), updatedAt: timestamp })).describe('已维护名单的年度'),
  agencyKinds: z.array(z.strictObject({ kind: z.enum(AGENCY_KINDS), label: z.string() })).describe('可选的单位类别'),
  domains: z.array(z.strictObject({ domain: z.enum(BRANCH_DOMAINS), label: z.string() })).describe('党支部领域'),
});

export const consultationListExample: z.infer<typeof consultationListSchema> = {
  year: 2027,
  stored: false,
  note: '',
  updatedAt: null,
  rules: Object.fromEntries(BRANCH_DOMAINS.map((d) => [d, [...CURRENT_CONSULTATION_RULES[d]]])) as z.infer<typeof consultationListSchema>['rules'],
  labelled: labelledRules(CURRENT_CONSULTATION_RULES),
};

export const consultationListIndexExample: z.infer<typeof consultationListIndexSchema> = {
  years: [{ year: 2017, note: '《全市过硬党支部建设工作推进方案》（泰安市委组织部，2017年5月27日）原文所列单位', updatedAt: '2026-01-05T02:00:00.000Z' }],
  agencyKinds: [
    { kind: 'discipline_inspection', label: '纪检监察机关' },
    { kind: 'market_regulation', label: '市场监督管理局' },
  ],
  domains: [
    { domain: 'rural', label: '农村' },
    { domain: 'financial_institution', label: '金融机构' },
  ],
};
