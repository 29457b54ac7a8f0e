import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { Endpoint } from '../openapi/endpoint';
import { opinionPhrasesExample, opinionPhrasesSchema, replaceOpinionPhrasesSchema } from './opinion-phrases.responses';
import { OpinionPhrasesService } from './opinion-phrases.service';

@ApiTags('任务')
@ApiBearerAuth()
@Controller('me/opinion-phrases')
export class OpinionPhrasesController {
  constructor(private readonly phrases: OpinionPhrasesService) {}

  @Get()
  @Endpoint({
    summary: '本人的常用意见：每类办理结论（同意、退回修改、不同意）一组，办理时可选用',
    description: '本人未维护某类结论的常用意见时，该类返回默认常用意见（own 为 false）。只返回调用者本人的，他人不可见。',
    ok: { status: 200, description: '常用意见', schema: opinionPhrasesSchema, example: opinionPhrasesExample },
  })
  get(@CurrentPrincipal() p: Principal) {
    return this.phrases.get(p);
  }

  @Put()
  @Endpoint({
    summary: '整体替换本人的常用意见',
    description: '请求中的各类结论的常用意见整体替换本人原有的；某类为空或省略即恢复该类的默认常用意见。任何一条不符合要求时整体不保存（422）。',
    ok: { status: 200, description: '保存后的常用意见', schema: opinionPhrasesSchema, example: opinionPhrasesExample },
    errors: ['INVALID_OPINION_PHRASES'],
  })
  replace(@CurrentPrincipal() p: Principal, @Body({ schema: replaceOpinionPhrasesSchema }) body: z.infer<typeof replaceOpinionPhrasesSchema>) {
    return this.phrases.replace(p, body);
  }
}
