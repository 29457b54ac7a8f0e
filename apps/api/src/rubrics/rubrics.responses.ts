import { z } from 'zod';
import { timestamp } from '../openapi/schemas';

const points = z.number().min(0);

export const rubricSummarySchema = z.strictObject({
  code: z.string(),
  version: z.int().min(1).describe('最新版本号'),
  name: z.string(),
  createdAt: timestamp.describe('最新版本写入的时间'),
  itemCount: z.int().min(0),
  declaredTotal: points.describe('各部分声明分值之和'),
  itemsTotal: points.describe('所列条目分值之和（按此计分）'),
});

const vetoItemSchema = z.strictObject({ code: z.string(), text: z.string() });

export const rubricDetailSchema = z.strictObject({
  code: z.string(),
  version: z.int().min(1),
  latestVersion: z.int().min(1),
  versions: z.array(z.int().min(1)).describe('已有的全部版本号，从旧到新'),
  name: z.string(),
  createdAt: timestamp,
  passThreshold: points.describe('合格分数线'),
  requiresCleanNotice: z.boolean().describe('合格还须公示期间无成立的异议'),
  areas: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      declaredPoints: points.describe('细则为该部分声明的分值'),
      itemsTotal: points.describe('该部分所列条目分值之和'),
      items: z.array(z.strictObject({ code: z.string(), requirement: z.string(), standard: z.string(), points })),
    }),
  ),
  itemCount: z.int().min(0),
  declaredTotal: points,
  itemsTotal: points,
  vetoItems: z.array(vetoItemSchema),
  discrepancies: z
    .array(
      z.strictObject({
        area: z.string(),
        areaName: z.string(),
        declaredPoints: points,
        itemsTotal: points,
        message: z.string().describe('差异说明（中文）'),
      }),
    )
    .describe('所列条目合计与声明分值不一致的部分；计分按所列条目'),
});

export type RubricDetail = z.infer<typeof rubricDetailSchema>;

export const rubricSummaryExample: z.infer<typeof rubricSummarySchema> = {
  code: 'wujin-branch-standardisation',
  version: 1,
  name: '武进区党支部规范化建设考核细则',
  createdAt: '2026-03-02T01:30:00.000Z',
  itemCount: 28,
  declaredTotal: 100,
  itemsTotal: 102,
};

export const rubricDetailExample: RubricDetail = {
  code: 'wujin-branch-standardisation',
  version: 2,
  latestVersion: 2,
  versions: [1, 2],
  name: '武进区党支部规范化建设考核细则',
  createdAt: '2026-03-02T01:30:00.000Z',
  passThreshold: 85,
  requiresCleanNotice: true,
  areas: [
    {
      code: 'C',
      name: '活动开展有序',
      declaredPoints: 30,
      itemsTotal: 32,
      items: [{ code: 'C1', requirement: '落实“三会一课”制度', standard: '每三个月召开一次支部党员大会，内容形式、到会人数符合要求。', points: 2 }],
    },
  ],
  itemCount: 28,
  declaredTotal: 100,
  itemsTotal: 102,
  vetoItems: [
    { code: 'secretary_vacant', text: '党支部书记缺职' },
    { code: 'no_meetings', text: '全年未召开支部党员大会' },
  ],
  discrepancies: [{ area: 'C', areaName: '活动开展有序', declaredPoints: 30, itemsTotal: 32, message: '活动开展有序：细则声明30分，所列条目合计32分；按所列条目计分' }],
};
