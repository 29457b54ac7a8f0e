import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { responsibilityListTable } from '../../../../libs/documents/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { type NamedDocument, pdfDocument, printable, spreadsheet, xlsxDocument } from '../documents/spreadsheet';
import { Endpoint } from '../openapi/endpoint';
import { LiangshanService } from './liangshan.service';

const shown = (key: string, x: number | null) => (x === null ? '—' : key === 'satisfaction' || key === 'excellentShare' ? `${Math.round(x * 1000) / 10}%` : `${x}次`);

/** Liangshan's responsibility list as a spreadsheet and a printable PDF (the same tables): the seed's annex with each item's status, and the thresholds. */
@ApiTags('文书')
@ApiBearerAuth()
@Controller('campaigns')
export class LiangshanDocumentsController {
  constructor(private readonly liangshan: LiangshanService) {}

  @Get(':id/liangshan/branches/:branchId/responsibility-list.xlsx')
  @Endpoint({
    summary: '下载党支部“五好党支部”创建工作责任清单（序号、重点工作、责任领导、责任人、完成时限、完成情况）及创建标准达标情况',
    description: '党支部本身、所属党(工)委和组织部等可下载；不是凉山流程、或党支部不在本人范围内的，答复 404。',
    ok: spreadsheet,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  })
  async responsibilityList(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return xlsxDocument(await this.responsibilityListDocument(p, id, branchId));
  }

  @Get(':id/liangshan/branches/:branchId/responsibility-list.pdf')
  @Endpoint({
    summary: '打印党支部“五好党支部”创建工作责任清单及创建标准达标情况（PDF；与 .xlsx 同表）',
    description: '党支部本身、所属党(工)委和组织部等可下载；不是凉山流程、或党支部不在本人范围内的，答复 404。',
    ok: printable,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'PRINTING_UNAVAILABLE'],
  })
  async responsibilityListPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return pdfDocument(await this.responsibilityListDocument(p, id, branchId));
  }

  private async responsibilityListDocument(p: Principal, id: string, branchId: string): Promise<NamedDocument> {
    const y = await this.liangshan.branchYear(p, id, branchId);
    const items = (await this.liangshan.campaign(p, id)).items;
    const doc = responsibilityListTable({
      title: `${y.campaign.year}年“五好党支部”创建工作责任清单`,
      organisationName: y.branch.name,
      rows: y.items.map((i, k) => ({
        title: i.title,
        leader: i.leaderLabel,
        responsible: i.responsible,
        deadline: items[k]?.deadlineText ?? i.deadlineText,
        status: i.occurrences.length
          ? i.occurrences.map((o) => `${o.label}：${o.statusLabel}${o.status === 'completed' ? (o.completedLate ? '（逾期完成）' : '（按时）') : ''}`).join('\n')
          : '尚未开始',
      })),
      thresholds: y.thresholds.map((t) => ({ label: t.label, figure: shown(t.key, t.figure), target: shown(t.key, t.target), met: t.met, basis: t.basis })),
    });
    return { doc, name: `${y.branch.name}${y.campaign.year}年责任清单` };
  }
}
