import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { LiangshanItem } from '../../../../libs/processes/src/liangshan';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { Endpoint } from '../openapi/endpoint';
import { branchYearExample, branchYearSchema, listExample, listItemInput, listSchema } from './liangshan.responses';
import { LiangshanService } from './liangshan.service';

const yearParam = z.coerce.number({ error: '年份必须是数字' }).int('年份必须是整数').min(2000, '年份须在2000至2100之间').max(2100, '年份须在2000至2100之间');
// Types only: the rules (codes, months, dates, records per month) are the list's and answer 422.
const listBody = z.strictObject({ items: z.array(listItemInput).max(200, '责任清单不能超过200项').describe('责任清单的各项重点工作，按顺序') });

/** 凉山：“五好党支部”创建责任清单 — the list per year (administrators keep it), and each branch's year of it. */
@ApiTags('凉山：“五好党支部”创建责任清单')
@ApiBearerAuth()
@Controller()
export class LiangshanController {
  constructor(private readonly liangshan: LiangshanService) {}

  @Get('liangshan/lists/:year')
  @Endpoint({
    summary: '某年度的责任清单：各项重点工作、责任领导、责任人、完成时限（管理员未维护的，为文件附件的25项）',
    description: '登录即可查看。',
    ok: { status: 200, description: '该年度的责任清单', schema: listSchema, example: listExample },
    errors: ['VALIDATION_FAILED'],
  })
  list(@Param('year', { schema: yearParam }) year: number) {
    return this.liangshan.list(year);
  }

  @Put('liangshan/lists/:year')
  @Endpoint({
    summary: '维护某年度的责任清单（组织部管理员）：整体替换各项重点工作',
    description:
      '此后开始的该年度责任清单按新清单排期，已开始的不变。编号重复、月份或日期不存在、记录类型与月份不符等，答复 422 INVALID_LIANGSHAN_LIST 并逐项说明；不是组织部管理员的，答复 403。',
    ok: { status: 200, description: '保存后的责任清单', schema: listSchema, example: { ...listExample, source: 'administrator', version: 1, updatedAt: '2026-01-05T02:00:00.000Z', updatedBy: '中共凉山州委组织部管理员' } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'INVALID_LIANGSHAN_LIST'],
  })
  save(@CurrentPrincipal() p: Principal, @Param('year', { schema: yearParam }) year: number, @Body({ schema: listBody }) body: z.infer<typeof listBody>) {
    return this.liangshan.saveList(p, year, body.items as LiangshanItem[]);
  }

  @Get('campaigns/:id/liangshan/branches/:branchId')
  @Endpoint({
    summary: '党支部的责任清单年度：每项重点工作的责任领导、责任人、各次完成情况（佐证和记录），完成数字，创建标准达标情况，积分排名和星级评定',
    description: '党支部本身、所属党(工)委和组织部等本级及上级人员可查看；不是凉山流程、或党支部不在本人范围内的，答复 404。',
    ok: { status: 200, description: '党支部的责任清单年度', schema: branchYearSchema, example: branchYearExample },
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  })
  branch(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return this.liangshan.branchYear(p, id, branchId);
  }
}
