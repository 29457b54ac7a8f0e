import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Public } from '../auth/public.decorator';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { NoticesService } from './notices.service';
import { Endpoint, WORKFLOW_UNAVAILABLE } from '../openapi/endpoint';
import { EXAMPLE } from '../openapi/schemas';
import { noticeDetailExample, noticeDetailSchema, noticePublishedSchema, objectionLodgedExample, objectionLodgedSchema, publicNoticeExample, publicNoticeSchema } from './notices.responses';

const publishSchema = z.strictObject({
  title: z.string().trim().min(1, '请填写公示标题').max(200),
  organisationIds: z.array(z.uuid({ error: '组织编号格式不正确' })).min(1, '公示名单不能为空').max(500),
  duration: z.strictObject({
    amount: z.number().int().min(1, '公示期至少1天').max(60),
    unit: z.enum(['calendar_days', 'working_days'], { error: '公示期单位必须是 calendar_days（自然日）或 working_days（工作日）' }),
  }),
  publishedAt: z.iso.datetime().optional(),
});

const objectionFields = {
  itemId: z.string().min(1).max(100),
  contact: z.string().trim().max(100).optional(),
  content: z.string({ error: '请填写异议内容' }).trim().min(5, '异议内容至少5个字').max(2000, '异议内容不能超过2000个字'),
};
const NAME_MISSING = '实名反映请填写姓名；如不愿具名，请选择匿名';

/** Anonymous or named; a named objection carries the name. */
const objectionSchema = z.discriminatedUnion(
  'anonymous',
  [
    z.strictObject({ anonymous: z.literal(true), name: z.string().trim().min(1).max(50).optional(), ...objectionFields }),
    z.strictObject({ anonymous: z.literal(false), name: z.string({ error: NAME_MISSING }).trim().min(1, NAME_MISSING).max(50), ...objectionFields }),
  ],
  { error: '请选择是否匿名（anonymous 为 true 或 false）' },
);

@ApiTags('公示')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post()
  @Endpoint({
    summary: '发布公示（党委审核人或管理员）',
    description: '公示对象须为本级所辖党支部；按工作日计算时所跨年份须已录入节假日安排（否则 422 CALENDAR_YEAR_MISSING）。',
    ok: { status: 201, description: '已发布', schema: noticePublishedSchema, example: { id: EXAMPLE.noticeId } },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CALENDAR_YEAR_MISSING', ...WORKFLOW_UNAVAILABLE],
  })
  publish(@CurrentPrincipal() p: Principal, @Body({ schema: publishSchema }) body: z.infer<typeof publishSchema>, @RequestId() requestId: string) {
    return this.notices.publish(p, body, requestId);
  }

  @Get(':id')
  @Endpoint({ summary: '公示详情，含每条异议及核查结果', ok: { status: 200, description: '公示与异议', schema: noticeDetailSchema, example: noticeDetailExample }, errors: ['NOT_FOUND'] })
  detail(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.notices.detail(p, id);
  }
}

/** Open to everyone without logging in; lodging is rate-limited per address. */
@ApiTags('公示（公开）')
@Public()
@Controller('public/notices')
export class PublicNoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get(':id')
  @Endpoint({ summary: '查看公示（无需登录）', ok: { status: 200, description: '公示', schema: publicNoticeSchema, example: publicNoticeExample }, errors: ['NOT_FOUND'] })
  view(@Param('id', { schema: uuidParam }) id: string) {
    return this.notices.publicView(id);
  }

  @Post(':id/objections')
  @UseGuards(ThrottlerGuard)
  @Endpoint({
    summary: '对公示对象提出异议（无需登录，可匿名；同一地址限频）',
    description: '实名反映（anonymous 为 false）须填写姓名；同一地址在 PUBLIC_RATE_WINDOW_SECONDS 内至多 PUBLIC_RATE_LIMIT 次（否则 429）。',
    ok: { status: 201, description: '已受理，进入核查', schema: objectionLodgedSchema, example: objectionLodgedExample },
    errors: ['NOT_FOUND', 'UNKNOWN_ITEM', 'NOTICE_CLOSED', 'ITEM_REMOVED', 'DUPLICATE_OBJECTION', 'ALREADY_FINISHED', 'TOO_MANY_REQUESTS', ...WORKFLOW_UNAVAILABLE],
  })
  lodge(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: objectionSchema }) body: z.infer<typeof objectionSchema>,
    @RequestId() requestId: string,
  ) {
    return this.notices.lodge(id, body, requestId);
  }
}
