import { Controller, Get, Injectable, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { OBLIGATION_STATUSES, OBLIGATION_STATUS_LABELS } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { notFound } from '../common/api-error';
import { uuidParam } from '../common/validation';
import { Endpoint } from '../openapi/endpoint';
import { day, id, timestamp } from '../openapi/schemas';

export const occurrenceSchema = z.strictObject({
  id: id.describe('该次的编号，也是其任务的编号'),
  organisationId: id,
  organisationName: z.string(),
  title: z.string(),
  periodLabel: z.string(),
  periodStart: day,
  dueDate: day,
  status: z.enum(OBLIGATION_STATUSES),
  statusLabel: z.string(),
  completedLate: z.boolean().nullable(),
  completedAt: timestamp.nullable(),
  evidence: z.string().nullable(),
  leader: z.string().nullable().describe('责任领导（责任清单的事项才有）'),
  responsible: z.string().nullable().describe('责任人（责任清单的事项才有）'),
  recordKind: z.string().nullable().describe('完成时填写的记录的表单类型'),
  record: z.record(z.string(), z.unknown()).nullable().describe('完成时填写的记录（佐证以外）'),
});
type OccurrenceView = z.infer<typeof occurrenceSchema>;

const example: OccurrenceView = {
  id: '2c9e4b1a-7d3f-4e8a-b5c6-1f0d2e3a4b50',
  organisationId: '0b4f6a2c-8e1d-4f3a-9c5b-7d2e1f0a3b40',
  organisationName: '凉山州科学技术协会党支部',
  title: '支委会',
  periodLabel: '2027年1月',
  periodStart: '2027-01-01',
  dueDate: '2027-01-31',
  status: 'open',
  statusLabel: '办理中',
  completedLate: null,
  completedAt: null,
  evidence: null,
  leader: '支部书记',
  responsible: '支委委员',
  recordKind: null,
  record: null,
};

/** One occurrence of a recurring obligation as its readers see it: within their subtree. */
@Injectable()
export class OccurrencesService {
  constructor(private readonly ds: DataSource) {}

  async occurrence(p: Principal, occurrenceId: string): Promise<OccurrenceView> {
    const [x] = await this.ds.query(
      `SELECT x.id, x.organisation_id, o.name AS organisation_name, o.path, x.title, x.period_label, to_char(x.period_start, 'YYYY-MM-DD') AS period_start, to_char(x.due_date, 'YYYY-MM-DD') AS due_date,
              x.status, x.completed_late, x.completed_at, x.evidence, x.leader_label, x.responsible_label, x.record_kind, x.record
         FROM obligation_occurrences x JOIN organisations o ON o.id = x.organisation_id WHERE x.id = $1`,
      [occurrenceId],
    );
    if (!x || !p.canSee(x.path)) throw notFound('经常性工作');
    const status = x.status as OccurrenceView['status'];
    return {
      id: x.id,
      organisationId: x.organisation_id,
      organisationName: x.organisation_name,
      title: x.title,
      periodLabel: x.period_label,
      periodStart: x.period_start,
      dueDate: x.due_date,
      status,
      statusLabel: OBLIGATION_STATUS_LABELS[status],
      completedLate: x.completed_late,
      completedAt: x.completed_at ? new Date(x.completed_at).toISOString() : null,
      evidence: x.evidence,
      leader: x.leader_label,
      responsible: x.responsible_label,
      recordKind: x.record_kind,
      record: x.record ? Object.fromEntries(Object.entries(x.record as Record<string, unknown>).filter(([k]) => k !== 'evidence')) : null,
    };
  }
}

@ApiTags('任务')
@ApiBearerAuth()
@Controller('obligations/occurrences')
export class OccurrencesController {
  constructor(private readonly occurrences: OccurrencesService) {}

  @Get(':id')
  @Endpoint({
    summary: '经常性工作的一次：期间、到期日、状态、佐证和记录，责任清单事项的责任领导和责任人',
    description: '该组织本身及其上级可查看；不在本人范围内或不存在的，答复 404。',
    ok: { status: 200, description: '经常性工作的一次', schema: occurrenceSchema, example },
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  })
  occurrence(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.occurrences.occurrence(p, id);
  }
}
