import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { forbidden, notFound } from '../common/api-error';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { translateWorkflowError } from '../common/workflow-errors';
import { PROCESS_GATEWAY } from '../tokens';
import { Endpoint, WORKFLOW_UNAVAILABLE } from '../openapi/endpoint';
import { consultationExample, consultationSchema, consultationViewExample, consultationViewSchema } from './consultations.responses';

const answersSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        candidateId: z.string().min(1).max(60),
        answer: z.enum(['no_objection', 'objection', 'veto'], { error: '答复须为 no_objection（无异议）、objection（有异议）或 veto（一票否决）' }),
        reason: z.string().trim().max(2000, '理由不能超过2000个字').default(''),
      }),
    )
    .min(1, '须对每一个征求意见对象作出答复')
    .max(500),
});

/** Agencies answer a committee's request for opinions (征求意见); the committee and those above it read the answers. */
@ApiTags('征求意见')
@ApiBearerAuth()
@Controller('consultations')
export class ConsultationsController {
  constructor(
    private readonly ds: DataSource,
    @Inject(PROCESS_GATEWAY) private readonly processes: ProcessGateway,
  ) {}

  /** Visible to the consulting committee's subtree readers and to the agencies asked. */
  private async visible(p: Principal, id: string) {
    const [c] = await this.ds.query(`SELECT c.id, c.title, c.status, c.due_at AS "dueAt", c.organisation_id AS "organisationId", o.path FROM consultations c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1`, [id]);
    if (!c) throw notFound('征求意见');
    const asked: Array<{ organisation_id: string }> = await this.ds.query(`SELECT organisation_id FROM tasks WHERE subject_id = $1 AND kind = 'consultation_request'`, [id]);
    const agencyGrant = p.grants.find((g) => g.role === 'agency_consultee' && asked.some((a) => a.organisation_id === g.organisationId));
    if (!agencyGrant && !p.canSee(c.path)) throw notFound('征求意见');
    return { consultation: c, agencyGrant };
  }

  @Get(':id')
  @Endpoint({ summary: '征求意见详情：对象、被征求单位及答复', ok: { status: 200, description: '征求意见', schema: consultationSchema, example: consultationExample }, errors: ['NOT_FOUND'] })
  async get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    const { consultation, agencyGrant } = await this.visible(p, id);
    const [candidates, answers] = await Promise.all([
      this.ds.query(`SELECT candidate_id AS id, name, domain, status FROM consultation_candidates WHERE consultation_id = $1 ORDER BY name`, [id]),
      this.ds.query(
        `SELECT a.agency_id AS "agencyId", o.name AS "agencyName", a.candidate_id AS "candidateId", a.answer, a.reason, a.gap_opinion AS "gapOpinion", a.answered_at AS "answeredAt"
           FROM consultation_answers a JOIN organisations o ON o.id = a.agency_id WHERE a.consultation_id = $1 AND ($2::uuid IS NULL OR a.agency_id = $2) ORDER BY o.name`,
        [id, agencyGrant && !p.canSee(consultation.path) ? agencyGrant.organisationId : null],
      ),
    ]);
    const { path: _path, ...rest } = consultation;
    return { ...rest, candidates, answers };
  }

  @Post(':id/answers')
  @HttpCode(200)
  @Endpoint({
    summary: '被征求意见单位答复：逐一对象无异议、有异议或一票否决（须说明理由）',
    description: '须对本单位被征求意见的每一个对象逐一答复；有异议或一票否决须说明理由（否则 422 INVALID_DECISION）。',
    ok: { status: 200, description: '征求意见的新状态', schema: consultationViewSchema, example: consultationViewExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_ASSIGNEE', 'CONSULTATION_CLOSED', 'TASK_NOT_OPEN', 'ALREADY_FINISHED', 'INVALID_DECISION', ...WORKFLOW_UNAVAILABLE],
  })
  async answer(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: answersSchema }) body: z.infer<typeof answersSchema>,
    @RequestId() requestId: string,
  ) {
    const { agencyGrant } = await this.visible(p, id);
    if (!agencyGrant) throw forbidden('只有被征求意见单位的联络人可以答复');
    try {
      return await this.processes.answerConsultation(id, { agencyId: agencyGrant.organisationId, answers: body.answers, actor: p.actorAs(agencyGrant) }, requestId);
    } catch (err) {
      throw translateWorkflowError(err);
    }
  }
}
