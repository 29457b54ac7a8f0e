import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BRANCH_GRADES } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { type LedgerEntryDetail, type LedgerPage, LedgerService } from './ledger.service';
import { Endpoint } from '../openapi/endpoint';
import { ledgerEntryDetailExample, ledgerEntryDetailSchema, ledgerPageExample, ledgerPageSchema } from './ledger.responses';

const EDITABLE = ['grade', 'goals', 'problems', 'measures', 'evaluation', 'contact', 'contactTitle', 'phone'] as const;

const gradeSchema = z.enum(BRANCH_GRADES, { error: '等次必须是 advanced（先进）、average（中间）、lagging（后进）或 weak_and_lax（软弱涣散）' });

const text = (label: string, max: number) => z.string({ error: `${label}必须是文本` }).trim().max(max, `${label}不能超过${max}个字`);

export const ledgerQuery = z.strictObject({
  organisationId: z.uuid({ error: '组织编号格式不正确' }).optional(),
  limit: z.coerce.number({ error: '每页条数必须是数字' }).int('每页条数必须是整数').min(1, '每页至少1条').max(200, '每页最多200条').default(50),
  offset: z.coerce.number({ error: '起始位置必须是数字' }).int('起始位置必须是整数').min(0, '起始位置不能为负数').default(0),
});

/** The ledger row's fields a reviewer keeps (附件1); the branch's name and domain come from the organisation tree. */
export const ledgerChangeSchema = z
  .strictObject(
    {
      grade: gradeSchema.optional(),
      goals: z
        .array(
          z.strictObject({
            year: z.number({ error: '目标年度必须是数字' }).int('目标年度必须是整数').min(2000, '目标年度不早于2000年').max(2100, '目标年度不晚于2100年'),
            grade: gradeSchema,
          }),
          { error: '创建目标必须是列表，每项含年度（year）和等次（grade）' },
        )
        .max(3, '创建目标最多填写三年')
        .describe('每个年度至多一项（否则 422 GOAL_YEAR_REPEATED）')
        .optional(),
      problems: text('存在的问题', 2000).optional(),
      measures: text('整改及创建措施', 2000).optional(),
      evaluation: text('年度考评结果', 200).optional(),
      contact: text('包保联系人', 50).optional(),
      contactTitle: text('包保联系人职务', 50).optional(),
      phone: z
        .string({ error: '联系方式必须是文本' })
        .trim()
        .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})?$/, '联系方式格式不正确（手机号或带区号的固定电话）')
        .optional(),
      reason: text('调整理由', 500).describe('调整等次或年度考评结果的理由（如整改经验收）；记入台账历史和审计').optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `台账中不能填写的字段：${issue.keys.join('、')}；可修改的字段为 ${EDITABLE.join('、')}` : undefined,
    },
  )
  .refine((body) => EDITABLE.some((k) => body[k] !== undefined), `请至少填写一项要修改的内容（${EDITABLE.join('、')}）`)
  // The refinement above, as the document states it: every property allowed is editable, so "at least one" is minProperties.
  .meta({ minProperties: 1 });

/** The branch ledger (附件1 过硬党支部建设工作台账), per branch, within the caller's subtree. */
@ApiTags('党支部台账')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  @Endpoint({
    summary: '过硬党支部建设工作台账（附件1）：本人可见范围内某组织下各党支部的等次、目标、问题与措施',
    ok: { status: 200, description: '汇总与一页台账', schema: ledgerPageSchema, example: ledgerPageExample },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: ledgerQuery }) q: z.infer<typeof ledgerQuery>): Promise<LedgerPage> {
    return this.ledger.list(p, q);
  }

  @Get(':branchId')
  @Endpoint({
    summary: '某党支部的台账，含历年等次与考评结果的变化（history）',
    ok: { status: 200, description: '台账及其历史', schema: ledgerEntryDetailSchema, example: ledgerEntryDetailExample },
    errors: ['NOT_FOUND'],
  })
  get(@CurrentPrincipal() p: Principal, @Param('branchId', { schema: uuidParam }) branchId: string): Promise<LedgerEntryDetail> {
    return this.ledger.detail(p, branchId);
  }

  @Put(':branchId')
  @Endpoint({
    summary: '修改党支部台账（上级党委审核人或市委组织部管理员）；先进党支部不得超过各级所辖党支部的10%',
    description: '未填写的字段保持不变；尚未建立台账的党支部首次登记须填写 grade（否则 422 LEDGER_GRADE_REQUIRED）。',
    ok: { status: 200, description: '修改后的台账及其历史', schema: ledgerEntryDetailSchema, example: ledgerEntryDetailExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'LEDGER_GRADE_REQUIRED', 'ADVANCED_CAP', 'GOAL_YEAR_REPEATED'],
  })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('branchId', { schema: uuidParam }) branchId: string,
    @Body({ schema: ledgerChangeSchema }) body: z.infer<typeof ledgerChangeSchema>,
  ): Promise<LedgerEntryDetail> {
    return this.ledger.update(p, branchId, body);
  }
}
