import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { chinaEndOfDay, chinaStartOfDay } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { type AuditPage, AuditService } from './audit.service';

/** A China calendar date (the whole day, Beijing time) or an instant with its offset. */
const when = (label: string) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: `${label}须为日期（YYYY-MM-DD）或带时区的 ISO 8601 时间` });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const auditQuery = z
  .strictObject({
    subjectId: z.string({ error: '对象编号必须是文本' }).trim().min(1, '对象编号不能为空').max(200, '对象编号不能超过200个字符').optional(),
    from: when('起始时间').optional(),
    to: when('截止时间').optional(),
    limit: z.coerce.number({ error: '每页条数必须是数字' }).int('每页条数必须是整数').min(1, '每页至少1条').max(200, '每页最多200条').default(50),
    offset: z.coerce.number({ error: '起始位置必须是数字' }).int('起始位置必须是整数').min(0, '起始位置不能为负数').default(0),
  })
  .transform(({ from, to, ...rest }) => ({
    ...rest,
    // A date means the whole day in China: from its first instant, to the first instant of the next day.
    from: from === undefined ? undefined : DATE_ONLY.test(from) ? chinaStartOfDay(from) : new Date(from).toISOString(),
    before: to === undefined ? undefined : DATE_ONLY.test(to) ? chinaEndOfDay(to) : new Date(to).toISOString(),
  }))
  .refine((q) => !q.from || !q.before || q.from < q.before, { message: '起始时间须早于截止时间', path: ['from'] });

/** The audit trail, read over HTTP by administrators and department heads, each within their subtree. */
@ApiTags('审计记录')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary:
      '审计记录（管理员、部门负责人，仅本人管辖范围内的组织）：按对象编号（subjectId）与时间（from 起、to 止；日期指北京时间整天，带时区的时间 to 不含）筛选，最新在前，分页（limit、offset）并给出总数',
  })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: auditQuery }) q: z.infer<typeof auditQuery>): Promise<AuditPage> {
    return this.audit.list(p, q);
  }
}
