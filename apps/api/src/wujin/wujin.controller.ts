import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { Endpoint } from '../openapi/endpoint';
import { WujinReadService } from './wujin-read.service';
import { branchPageExample, branchPageSchema, complianceExample, complianceSchema } from './wujin.responses';

/** What Wujin's branches, committees and district read of the plan (PROCESSES.md §3), each within the caller's subtree. */
@ApiTags('武进：党支部规范化建设三年行动')
@ApiBearerAuth()
@Controller('campaigns/:id/wujin')
export class WujinController {
  constructor(private readonly wujin: WujinReadService) {}

  @Get('branches/:branchId')
  @Endpoint({
    summary: '党支部页面：在计划中的状态，各轮考核逐项的自评分和考核分（附该条目考核的经常性工作完成情况）、一票否决情形、申报（实地查看条目）和验收（查看人、查看日期），整顿，党建品牌各版本',
    description: '党支部本身、所属党(工)委和区委组织部等本级及上级人员可查看；计划不是武进流程、或党支部不在本人范围内的，答复 404。',
    ok: { status: 200, description: '党支部页面', schema: branchPageSchema, example: branchPageExample },
    errors: ['NOT_FOUND'],
  })
  branch(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return this.wujin.branchPage(p, id, branchId);
  }
}

/** Whether a branch is compliant (合格支部): what other processes and their readers ask before an honour. */
@ApiTags('组织')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationComplianceController {
  constructor(private readonly wujin: WujinReadService) {}

  @Get(':id/compliance')
  @Endpoint({
    summary: '党支部是否为规范化建设合格支部（依据覆盖它的最近一期三年行动计划），及其状态和合格时间',
    description: '本人范围内的党支部可查询；范围外的组织、或不是党支部的组织，答复 404。',
    ok: { status: 200, description: '合格支部情况', schema: complianceSchema, example: complianceExample },
    errors: ['NOT_FOUND'],
  })
  compliance(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.wujin.organisationCompliance(p, id);
  }
}
