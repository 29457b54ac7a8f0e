import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { PublicNoticeInput } from '../../../../libs/contracts/src';
import { CalendarYearMissing, type Duration, WorkingCalendar, chinaDate, isCommittee, isDepartment, periodEnd } from '../../../../libs/domain/src';
import { OrganisationEntity, deterministicUuid, loadCalendarBundle } from '../../../../libs/persistence/src';
import type { ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { translateWorkflowError } from '../common/workflow-errors';
import { PROCESS_GATEWAY } from '../tokens';

export interface PublishNoticeBody {
  title: string;
  organisationIds: string[];
  duration: Duration;
  publishedAt?: string;
}

export interface ObjectionBody {
  itemId: string;
  anonymous: boolean;
  name?: string;
  contact?: string;
  content: string;
}

/** Public notices: a committee publishes, anyone reads and objects. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly ds: DataSource,
    @Inject(PROCESS_GATEWAY) private readonly processes: ProcessGateway,
  ) {}

  async publish(p: Principal, body: PublishNoticeBody, requestId: string): Promise<{ id: string }> {
    const grant = p.grants.find((g) => (g.role === 'reviewer' || g.role === 'administrator') && (isCommittee(g.level) || isDepartment(g.level)));
    if (!grant) throw forbidden('只有党委的审核人或管理员可以发布公示');
    const orgs = await this.ds.getRepository(OrganisationEntity).findBy({ id: In(body.organisationIds) });
    const outside = body.organisationIds.filter((id) => !orgs.some((o) => o.id === id && o.path.startsWith(grant.scopePath) && o.level === 'branch'));
    if (outside.length) throw notFound('公示对象（须为本级所辖党支部）');
    const publishedAt = body.publishedAt ?? new Date().toISOString();
    // Refuse here, before anything starts, when the calendar cannot count the period.
    const year = Number(chinaDate(publishedAt).slice(0, 4));
    try {
      periodEnd(new WorkingCalendar(await loadCalendarBundle(this.ds, year, year + 1)), publishedAt, body.duration);
    } catch (err) {
      if (err instanceof CalendarYearMissing) throw new ApiError('CALENDAR_YEAR_MISSING', err.message);
      throw err;
    }
    const input: PublicNoticeInput = {
      // A retry with the same Idempotency-Key publishes the same notice.
      noticeId: deterministicUuid(`notice:${requestId}`),
      title: body.title,
      organisationId: grant.organisationId,
      // The publishing organisation's reviewer investigates each objection.
      investigator: { organisationId: grant.organisationId, role: 'reviewer' },
      items: body.organisationIds.map((id) => {
        const o = orgs.find((x) => x.id === id)!;
        return { id: o.id, name: o.name };
      }),
      duration: body.duration,
      publishedAt,
    };
    try {
      await this.processes.publishNotice(input);
    } catch (err) {
      throw translateWorkflowError(err);
    }
    return { id: input.noticeId };
  }

  /** What anyone may see: the list, its period and the standing of each item. */
  async publicView(id: string) {
    const [notice] = await this.ds.query(
      `SELECT id, title, status, published_at AS "publishedAt", last_day::text AS "lastDay", ends_at AS "endsAt",
              duration_amount AS "durationAmount", duration_unit AS "durationUnit"
         FROM public_notices WHERE id = $1`,
      [id],
    );
    if (!notice) throw notFound('公示');
    const items = await this.ds.query(`SELECT item_id AS id, name, status FROM public_notice_items WHERE notice_id = $1 ORDER BY name`, [id]);
    const [counts] = await this.ds.query(
      `SELECT count(*)::int AS lodged, count(*) FILTER (WHERE status = 'investigating')::int AS investigating,
              count(*) FILTER (WHERE status = 'upheld')::int AS upheld, count(*) FILTER (WHERE status = 'dismissed')::int AS dismissed
         FROM objections WHERE notice_id = $1`,
      [id],
    );
    return { ...notice, items, objections: counts, acceptingObjections: notice.status === 'open' && Date.parse(notice.endsAt) > Date.now() };
  }

  /** The committee's own view, with each objection. */
  async detail(p: Principal, id: string) {
    const [row] = await this.ds.query(`SELECT n.id, o.path FROM public_notices n JOIN organisations o ON o.id = n.organisation_id WHERE n.id = $1`, [id]);
    if (!row || !p.canSee(row.path)) throw notFound('公示');
    const objections = await this.ds.query(
      `SELECT id, item_id AS "itemId", anonymous, name, contact, content, status, resolution, lodged_at AS "lodgedAt", resolved_at AS "resolvedAt"
         FROM objections WHERE notice_id = $1 ORDER BY lodged_at`,
      [id],
    );
    return { ...(await this.publicView(id)), objectionDetails: objections };
  }

  async lodge(noticeId: string, body: ObjectionBody, requestId: string) {
    const view = await this.publicView(noticeId);
    if (!view.acceptingObjections) throw new ApiError('NOTICE_CLOSED', `公示期已于${view.lastDay}结束，不再受理异议`);
    if (!view.items.some((i: { id: string }) => i.id === body.itemId)) throw notFound('公示对象');
    // A retry with the same Idempotency-Key from the same client is the same objection.
    const objectionId = deterministicUuid(`objection:${noticeId}:${requestId}`);
    try {
      return await this.processes.lodgeObjection(noticeId, { objectionId, ...body, lodgedAt: new Date().toISOString() });
    } catch (err) {
      throw translateWorkflowError(err);
    }
  }
}
