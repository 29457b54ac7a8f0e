import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { Endpoint } from '../openapi/endpoint';
import { WujinSubjectsService } from './wujin-subjects.service';
import {
  assessmentRoundExample,
  assessmentRoundSchema,
  brandExample,
  brandSchema,
  memberCasesExample,
  memberCasesSchema,
  modelBranchesExample,
  modelBranchesSchema,
  planExample,
  planSchema,
  rectificationExample,
  rectificationSchema,
  shellReviewExample,
  shellReviewSchema,
} from './wujin-subjects.responses';

const WHO = '报送单位本级及其下级、上级（审核人）可查看；计划不是武进流程、编号不属于该计划、或不在本人范围内的，答复 404。';

/** What a Wujin task is about (its subjectType and subjectId), for its reviewer to read beside the decision. */
@ApiTags('武进：党支部规范化建设三年行动')
@ApiBearerAuth()
@Controller('campaigns/:id/wujin')
export class WujinSubjectsController {
  constructor(private readonly subjects: WujinSubjectsService) {}

  @Get('implementation-plans/:planId')
  @Endpoint({
    summary: '党(工)委的实施方案（某一版）：方案内容、职责任务（内容、责任人、完成时限）、状态和审核意见，及此前各版本的审核意见（任务 wujin_plan_review 的审核对象）',
    description: WHO,
    ok: { status: 200, description: '实施方案', schema: planSchema, example: planExample },
    errors: ['NOT_FOUND'],
  })
  plan(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('planId', { schema: uuidParam }) planId: string) {
    return this.subjects.plan(p, id, planId);
  }

  @Get('brands/:brandId')
  @Endpoint({
    summary: '党支部的党建工作品牌（某一版）：名称、内涵、佐证材料、状态和意见，及此前各版本（任务 wujin_brand_review 的认定对象）',
    description: WHO,
    ok: { status: 200, description: '党建工作品牌', schema: brandSchema, example: brandExample },
    errors: ['NOT_FOUND'],
  })
  brand(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('brandId', { schema: uuidParam }) brandId: string) {
    return this.subjects.brand(p, id, brandId);
  }

  @Get('shell-reviews/:reviewId')
  @Endpoint({
    summary: '“空壳”党组织审查：党支部的党员人数、所属领域、任期，审查结果（撤销或保留）及理由（任务 wujin_shell_review 的审查对象）',
    description: WHO,
    ok: { status: 200, description: '“空壳”党组织审查', schema: shellReviewSchema, example: shellReviewExample },
    errors: ['NOT_FOUND'],
  })
  shellReview(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('reviewId', { schema: uuidParam }) reviewId: string) {
    return this.subjects.shellReview(p, id, reviewId);
  }

  @Get('rectifications/:rectificationId')
  @Endpoint({
    summary: '整顿：原因、期限（是否逾期）、党支部报送的整顿措施和佐证材料、党(工)委的决定及意见（任务 wujin_rectification、wujin_rectification_review 的对象）',
    description: WHO,
    ok: { status: 200, description: '整顿', schema: rectificationSchema, example: rectificationExample },
    errors: ['NOT_FOUND'],
  })
  rectification(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('rectificationId', { schema: uuidParam }) rectificationId: string) {
    return this.subjects.rectification(p, id, rectificationId);
  }

  @Get('assessments/:assessmentId')
  @Endpoint({
    summary: '党支部的一轮考核：逐项自评分和考核分、一票否决情形、申报（实地查看条目）和验收（任务 wujin_declaration、wujin_verification 的对象）',
    description: WHO,
    ok: { status: 200, description: '一轮考核', schema: assessmentRoundSchema, example: assessmentRoundExample },
    errors: ['NOT_FOUND'],
  })
  assessment(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('assessmentId', { schema: uuidParam }) assessmentId: string) {
    return this.subjects.assessment(p, id, assessmentId);
  }

  @Get('model-branches')
  @Endpoint({
    summary: '各党(工)委推荐的示范支部：推荐理由和评定、公示情况（任务 wujin_model_selection 的评定对象），限本人范围内的党支部',
    description: '计划不是武进流程、或不在本人范围内的，答复 404。',
    ok: { status: 200, description: '推荐的示范支部', schema: modelBranchesSchema, example: modelBranchesExample },
    errors: ['NOT_FOUND'],
  })
  modelBranches(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.subjects.modelBranches(p, id);
  }

  @Get('committees/:committeeId/member-cases')
  @Endpoint({
    summary: '党(工)委报送的“失联”党员和违法违纪党员处理清单：每名党员的类别、排查情况和处理结果',
    description: `${WHO}尚未报送的也答复 404。`,
    ok: { status: 200, description: '党员处理清单', schema: memberCasesSchema, example: memberCasesExample },
    errors: ['NOT_FOUND'],
  })
  memberCases(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('committeeId', { schema: uuidParam }) committeeId: string) {
    return this.subjects.memberCases(p, id, committeeId);
  }
}
