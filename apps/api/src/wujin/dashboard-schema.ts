import { z } from 'zod';
import { WUJIN_OBLIGATIONS, WUJIN_PHASES, WUJIN_STANDINGS, type WujinObligation } from '../../../../libs/processes/src/wujin';
import { id, timestamp, day } from '../openapi/schemas';
import { PHASE_STATUSES, RECTIFICATION_STATUSES } from './labels';

const count = z.int().min(0);
const counts = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);
const committeeFigure = z.strictObject({ committeeId: id, name: z.string(), measured: z.number().describe('该党(工)委的实测值') });
const obligationFiguresSchema = { due: count.describe('应完成次数'), onTime: count, late: count.describe('逾期后补做'), missed: count.describe('逾期仍未完成'), open: count.describe('未到期、尚未完成') };

/** The sections' shape, as the OpenAPI document shows them. */
export const wujinSectionsSchema = z.strictObject({
  phases: z
    .array(
      z.strictObject({
        phase: z.enum(WUJIN_PHASES),
        label: z.string(),
        targetLabel: z.string().describe('目标所测算的内容'),
        target: z.number().describe('目标值（比例，1 为 100%）'),
        endsOn: day,
        status: z.enum(PHASE_STATUSES),
        statusLabel: z.string(),
        evaluatedAt: timestamp.nullable(),
        measured: z
          .number()
          .nullable()
          .describe('阶段结束时记录的实测值：看全区的为全区值，看一个党(工)委的为该党(工)委的值；进行中的阶段为 null'),
        figures: z.record(z.string(), z.number()).nullable().describe('阶段结束时记录的全区各项数字（仅看全区时给出）'),
        live: z
          .strictObject({ measured: z.number(), figures: z.record(z.string(), z.number()) })
          .nullable()
          .describe('进行中的阶段：按同一口径测算的本级及下级当前值；已结束的为 null'),
        behind: z.array(committeeFigure).describe('阶段结束时未达到目标的党(工)委（本级及下级）'),
        commended: z.array(committeeFigure).describe('阶段结束时达到目标、列入表扬的党(工)委（本级及下级）'),
      }),
    )
    .describe('三个阶段的目标、实测值和截止日期'),
  compliance: z.strictObject({
    branches: count,
    active: count.describe('未撤销、撤并的党支部'),
    compliant: count,
    rate: z.number().describe('达标率（合格支部 ÷ 未撤销、撤并的党支部）'),
    byStanding: counts(WUJIN_STANDINGS),
    committees: z.array(
      z.strictObject({ committeeId: id, committeeName: z.string(), branches: count, active: count, compliant: count, rate: z.number(), byStanding: counts(WUJIN_STANDINGS) }),
    ),
  }),
  scores: z.strictObject({
    passThreshold: z.number().describe('合格线'),
    scored: count.describe('已有区委组织部验收得分的党支部'),
    average: z.number().nullable(),
    distribution: z.array(z.strictObject({ band: z.string(), label: z.string(), branches: count })).describe('最近一次验收得分的分布'),
    failedBelow: count.describe('得分低于合格线的党支部'),
    vetoed: count.describe('有一票否决情形的党支部'),
    byVeto: z.array(z.strictObject({ code: z.string(), text: z.string(), branches: count })),
    vetoes: z.array(
      z.strictObject({ branchId: id, branchName: z.string(), committeeName: z.string(), score: z.number(), items: z.array(z.strictObject({ code: z.string(), text: z.string() })) }),
    ),
    committees: z.array(z.strictObject({ committeeId: id, committeeName: z.string(), scored: count, average: z.number().nullable(), failedBelow: count, vetoed: count })),
  }),
  rectifications: z.strictObject({
    byStatus: counts(RECTIFICATION_STATUSES),
    open: count.describe('整顿尚未了结（待报送、待审核、退回）'),
    overdue: count.describe('已过整顿期限仍未了结'),
    lateSubmissions: count.describe('逾期报送整顿情况的'),
    accepted: count,
    dissolved: count,
    merged: count,
    overdueItems: z
      .array(
        z.strictObject({ id, branchId: id, branchName: z.string(), committeeName: z.string(), dueAt: timestamp, status: z.enum(RECTIFICATION_STATUSES), statusLabel: z.string() }),
      )
      .describe('逾期未了结的整顿，按期限先后'),
  }),
  brands: z.strictObject({
    branches: count.describe('未撤销、撤并的党支部'),
    accepted: count.describe('品牌已认定'),
    filed: count.describe('已报送待认定'),
    returned: count.describe('被退回尚未重新报送'),
    missing: count.describe('尚未报送品牌'),
    committees: z.array(z.strictObject({ committeeId: id, committeeName: z.string(), branches: count, accepted: count, filed: count, returned: count, missing: count })),
  }),
  obligations: z
    .array(z.strictObject({ code: z.enum(Object.keys(WUJIN_OBLIGATIONS) as [WujinObligation, ...WujinObligation[]]), title: z.string(), rubricItem: z.string(), ...obligationFiguresSchema }))
    .describe('经常性工作（“三会一课”等）按项目的完成情况（本级及下级党支部）'),
});


export type WujinSections = z.infer<typeof wujinSectionsSchema>;
