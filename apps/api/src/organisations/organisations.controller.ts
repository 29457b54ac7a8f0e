import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BRANCH_DOMAIN_LABELS, ORG_LEVELS, ORG_LEVEL_LABELS } from '../../../../libs/domain/src';
import type { OrganisationEntity } from '../../../../libs/persistence/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { OrganisationsService } from './organisations.service';
import { Endpoint } from '../openapi/endpoint';
import { organisationExample, organisationSchema } from './organisations.responses';

const listQuery = z.strictObject({ level: z.enum(ORG_LEVELS).optional() });

export function presentOrganisation(o: OrganisationEntity) {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    level: o.level,
    levelLabel: ORG_LEVEL_LABELS[o.level],
    domain: o.domain,
    domainLabel: o.domain ? BRANCH_DOMAIN_LABELS[o.domain] : null,
    agencyKind: o.agencyKind,
    parentId: o.parentId,
    memberCount: o.memberCount,
  };
}

@ApiTags('组织')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly orgs: OrganisationsService) {}

  @Get()
  @Endpoint({
    summary: '本人可见范围内的组织（按组织树）',
    ok: { status: 200, description: '组织列表，按组织树顺序', schema: z.array(organisationSchema), example: [organisationExample] },
  })
  async list(@CurrentPrincipal() p: Principal, @Query({ schema: listQuery }) q: z.infer<typeof listQuery>) {
    return (await this.orgs.listVisible(p, q.level)).map(presentOrganisation);
  }

  @Get(':id')
  @Endpoint({ summary: '组织详情', ok: { status: 200, description: '组织', schema: organisationSchema, example: organisationExample }, errors: ['NOT_FOUND'] })
  async get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return presentOrganisation(await this.orgs.visible(p, id));
  }
}
