import type { Rule } from 'antd/es/form';
import type { HonourLevel, NominationFormValues } from './types';

/**
 * The server's checks of 附件3 (apps/api/src/nominations/nomination.schemas.ts), applied as the user types,
 * so that a refusal is seen beside the field before anything is sent. Keyed by the generated form type.
 */
const text = (label: string, max: number): Rule[] => [
  { required: true, whitespace: true, message: `${label}不能为空` },
  { max, message: `${label}不能超过${max}个字` },
];

export const FORM_RULES: Record<Exclude<keyof NominationFormValues, 'honours'>, Rule[]> = {
  secretaryName: text('支部书记姓名', 50),
  secretaryPhone: [
    { required: true, message: '联系电话不能为空' },
    { pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: '联系电话格式不正确（手机号或带区号的固定电话）' },
  ],
  basicSituation: text('基本情况', 5000),
  mainDeeds: text('主要事迹', 20000),
};

export const LIMITS = { basicSituation: 5000, mainDeeds: 20000, honours: 50, honourTitle: 200, minYear: 1949, maxYear: 2100 } as const;

export const HONOUR_RULES = {
  title: text('荣誉名称', LIMITS.honourTitle),
  level: [{ required: true, message: '请选择荣誉级别' }] as Rule[],
  year: [
    { required: true, message: '请填写获得年份' },
    { type: 'integer', min: LIMITS.minYear, max: LIMITS.maxYear, message: `获得年份须在${LIMITS.minYear}至${LIMITS.maxYear}年之间` },
  ] as Rule[],
};

export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  county: '县级',
  other: '其他',
};
