import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_KIND_LABELS, BRANCH_DOMAINS, BRANCH_DOMAIN_LABELS, consultationRulesSchema, labelledRules } from '../../../../libs/domain/src';
import { loadConsultationList, replaceConsultationList } from '../../../../libs/persistence/src';
import type { Principal, RoleGrant } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { forbidden } from '../common/api-error';
import { Endpoint } from '../openapi/endpoint';
import { consultationListExample, consultationListIndexExample, consultationListIndexSchema, consultationListSchema } from './consultation-lists.responses';

const yearParam = z.coerce.number({ error: '年份必须是数字' }).int('年份必须是整数').min(1949, '年份不早于1949年').max(2200, '年份不晚于2200年');

const listBody = z.strictObject({
  rules: consultationRulesSchema,
  note: z.string().trim().max(1000, '说明不超过1000字').default(''),
});

/**
 * The agencies consulted before a committee meets on its list (征求意见), by
 * the branch's domain, kept per year by the organisation department's
 * administrators: the document's 2017 list is that year's history, a year
 * nobody has kept gets today's names, and a campaign keeps the list of its
 * year as it stood when the campaign started.
 */
@ApiTags('征求意见单位名单')
@ApiBearerAuth()
@Controller('consultation-agency-lists')
export class ConsultationListsController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  @Endpoint({
    summary: '已维护征求意见单位名单的年度，及可选的单位类别和党支部领域（组织部管理员）',
    ok: { status: 200, description: '年度与可选项', schema: consultationListIndexSchema, example: consultationListIndexExample },
    errors: ['FORBIDDEN'],
  })
  async index(@CurrentPrincipal() p: Principal) {
    administrator(p);
    const years: Array<{ year: number; note: string; updatedAt: Date }> = await this.ds.query(`SELECT year, note, updated_at AS "updatedAt" FROM consultation_agency_lists ORDER BY year`);
    return {
      years: years.map((y) => ({ ...y, updatedAt: new Date(y.updatedAt).toISOString() })),
      agencyKinds: AGENCY_KINDS.map((kind) => ({ kind, label: AGENCY_KIND_LABELS[kind] })),
      domains: BRANCH_DOMAINS.map((domain) => ({ domain, label: BRANCH_DOMAIN_LABELS[domain] })),
    };
  }

  @Get(':year')
  @Endpoint({
    summary: '某年度按党支部领域征求意见的单位类别（组织部管理员）',
    description: '该年度尚未维护时返回默认名单（现行机构名称，stored 为 false）；2017年为《全市过硬党支部建设工作推进方案》原文所列单位。',
    ok: { status: 200, description: '该年度的名单', schema: consultationListSchema, example: consultationListExample },
    errors: ['FORBIDDEN'],
  })
  async year(@CurrentPrincipal() p: Principal, @Param('year', { schema: yearParam }) year: number) {
    administrator(p);
    return this.present(year);
  }

  @Put(':year')
  @Endpoint({
    summary: '维护某年度征求意见的单位名单（组织部管理员）',
    description:
      '以请求中的名单整体替换该年度的名单，每个领域至少一类单位、不重复；变更记入审计日志。已启动的评选活动沿用启动时的名单，不受此后修改影响。',
    ok: { status: 200, description: '保存后的名单', schema: consultationListSchema, example: { ...consultationListExample, stored: true, note: '按机构改革后名称调整', updatedAt: '2026-12-01T02:00:00.000Z' } },
    errors: ['FORBIDDEN'],
  })
  async replace(@CurrentPrincipal() p: Principal, @Param('year', { schema: yearParam }) year: number, @Body({ schema: listBody }) body: z.infer<typeof listBody>) {
    const grant = administrator(p);
    await replaceConsultationList(this.ds, year, body.rules, body.note, { actorId: p.userId, actorName: p.displayName, actorRole: grant.role, organisationId: grant.organisationId });
    return this.present(year);
  }

  private async present(year: number) {
    const list = await loadConsultationList(this.ds, year);
    return { year, stored: list.stored, note: list.note, updatedAt: list.updatedAt, rules: list.rules, labelled: labelledRules(list.rules) };
  }
}

/** The organisation department's administrator (市委组织部), who runs the campaigns the lists serve. */
function administrator(p: Principal): RoleGrant {
  const grant = p.grants.find((g) => g.role === 'administrator' && g.level === 'org_department');
  if (!grant) throw forbidden('只有市委组织部管理员可以查看和维护征求意见单位名单');
  return grant;
}
