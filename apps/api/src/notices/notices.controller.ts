import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Public } from '../auth/public.decorator';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { NoticesService } from './notices.service';

const publishSchema = z.strictObject({
  title: z.string().trim().min(1, '请填写公示标题').max(200),
  organisationIds: z.array(z.uuid({ error: '组织编号格式不正确' })).min(1, '公示名单不能为空').max(500),
  duration: z.strictObject({
    amount: z.number().int().min(1, '公示期至少1天').max(60),
    unit: z.enum(['calendar_days', 'working_days'], { error: '公示期单位必须是 calendar_days（自然日）或 working_days（工作日）' }),
  }),
  publishedAt: z.iso.datetime().optional(),
});

const objectionSchema = z.strictObject({
  itemId: z.string().min(1).max(100),
  anonymous: z.boolean({ error: '请选择是否匿名' }),
  name: z.string().trim().min(1).max(50).optional(),
  contact: z.string().trim().max(100).optional(),
  content: z.string({ error: '请填写异议内容' }).trim().min(5, '异议内容至少5个字').max(2000, '异议内容不能超过2000个字'),
});

@ApiTags('公示')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post()
  @ApiOperation({ summary: '发布公示（党委审核人或管理员）' })
  publish(@CurrentPrincipal() p: Principal, @Body({ schema: publishSchema }) body: z.infer<typeof publishSchema>, @RequestId() requestId: string) {
    return this.notices.publish(p, body, requestId);
  }

  @Get(':id')
  @ApiOperation({ summary: '公示详情，含每条异议及核查结果' })
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
  @ApiOperation({ summary: '查看公示（无需登录）' })
  view(@Param('id', { schema: uuidParam }) id: string) {
    return this.notices.publicView(id);
  }

  @Post(':id/objections')
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: '对公示对象提出异议（无需登录，可匿名；同一地址限频）' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重复提交时携带相同的键，只受理一次' })
  lodge(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: objectionSchema }) body: z.infer<typeof objectionSchema>,
    @RequestId() requestId: string,
  ) {
    return this.notices.lodge(id, body, requestId);
  }
}
