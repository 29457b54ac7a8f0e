import type { DataSource } from 'typeorm';
import type { ObjectionRequest, PublicNoticeInput } from '../libs/contracts/src';
import type { CalendarBundle } from '../libs/domain/src';
import { appendAudit, changedRows, loadCalendarBundle, notify, SYSTEM_ACTOR } from '../libs/persistence/src';

/** The public notice's side effects; each keyed so that a retry writes nothing twice. */
export function createNoticeActivities(ds: DataSource) {
  return {
    async loadCalendar({ fromYear, toYear }: { fromYear: number; toYear: number }): Promise<CalendarBundle> {
      return loadCalendarBundle(ds, fromYear, toYear);
    },

    async publishNotice({ input, workflowId, lastDay, endsAt }: { input: PublicNoticeInput; workflowId: string; lastDay: string; endsAt: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted = await em.query(
          `INSERT INTO public_notices (id, title, organisation_id, workflow_id, status, duration_amount, duration_unit, published_at, last_day, ends_at, campaign_id, scope)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [input.noticeId, input.title, input.organisationId, workflowId, input.duration.amount, input.duration.unit, input.publishedAt, lastDay, endsAt, input.campaignId ?? null, input.scope ?? null],
        );
        if (!inserted.length) return;
        for (const item of input.items) {
          await em.query(`INSERT INTO public_notice_items (notice_id, item_id, name, description, status) VALUES ($1, $2, $3, $4, 'listed')`, [
            input.noticeId,
            item.id,
            item.name,
            item.description ?? '',
          ]);
        }
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: input.organisationId,
          action: 'notice.published',
          subjectType: 'public_notice',
          subjectId: input.noticeId,
          after: { title: input.title, items: input.items.map((i) => i.id), lastDay, endsAt, duration: input.duration },
          requestId: `${input.noticeId}:published`,
          at: input.publishedAt,
        });
      });
    },

    async recordObjection({ noticeId, objection }: { noticeId: string; objection: ObjectionRequest }): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted = await em.query(
          `INSERT INTO objections (id, notice_id, item_id, anonymous, name, contact, content, status, investigation_task_id, lodged_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'investigating', $1, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [objection.objectionId, noticeId, objection.itemId, objection.anonymous, objection.anonymous ? null : (objection.name ?? null), objection.contact ?? null, objection.content, objection.lodgedAt],
        );
        if (!inserted.length) return;
        await appendAudit(em, {
          actorId: null,
          actorName: objection.anonymous ? '匿名' : (objection.name ?? ''),
          actorRole: 'public',
          organisationId: null,
          action: 'notice.objection.lodged',
          subjectType: 'public_notice',
          subjectId: noticeId,
          opinion: objection.content,
          after: { objectionId: objection.objectionId, itemId: objection.itemId, status: 'investigating' },
          requestId: `${objection.objectionId}:lodged`,
          at: objection.lodgedAt,
        });
        // The organiser of the notice hears of it in the same transaction.
        const [n]: Array<{ organisation_id: string; title: string; item: string | null }> = await em.query(
          `SELECT p.organisation_id, p.title, i.name AS item FROM public_notices p LEFT JOIN public_notice_items i ON i.notice_id = p.id AND i.item_id = $2 WHERE p.id = $1`,
          [noticeId, objection.itemId],
        );
        if (n) {
          await notify(em, {
            kind: 'objection',
            targets: [{ organisationId: n.organisation_id, role: null }],
            message: `公示“${n.title}”收到异议${n.item ? `（${n.item}）` : ''}：${objection.content.slice(0, 200)}`,
            key: `${objection.objectionId}:objection-notice`,
            at: objection.lodgedAt,
          });
        }
      });
    },

    async resolveObjection(args: {
      noticeId: string;
      objectionId: string;
      itemId: string;
      outcome: 'upheld' | 'dismissed';
      resolution: string;
      by: string;
      byName: string;
      organisationId: string;
      /** The workflow's time of the investigation's outcome. */
      at: string;
    }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows(
          em,
          `UPDATE objections SET status = $2, resolution = $3, resolved_at = $4 WHERE id = $1 AND status = 'investigating' RETURNING id`,
          [args.objectionId, args.outcome, args.resolution, args.at],
        );
        if (!updated.length) return;
        if (args.outcome === 'upheld') {
          await em.query(`UPDATE public_notice_items SET status = 'removed', removed_reason = $3 WHERE notice_id = $1 AND item_id = $2`, [args.noticeId, args.itemId, args.resolution]);
        }
        await appendAudit(em, {
          actorId: args.by,
          actorName: args.byName,
          actorRole: 'reviewer',
          organisationId: args.organisationId,
          action: `notice.objection.${args.outcome}`,
          subjectType: 'public_notice',
          subjectId: args.noticeId,
          opinion: args.resolution,
          before: { objectionId: args.objectionId, status: 'investigating' },
          after: { objectionId: args.objectionId, status: args.outcome, itemRemoved: args.outcome === 'upheld' },
          requestId: `${args.objectionId}:resolved`,
          at: args.at,
        });
      });
    },

    async setNoticeStatus({ noticeId, status, at }: { noticeId: string; status: 'closing' | 'closed'; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows<{ organisation_id: string }>(
          em,
          `UPDATE public_notices SET status = $2, closed_at = CASE WHEN $2 = 'closed' THEN $3::timestamptz END WHERE id = $1 AND status <> $2 AND status <> 'closed' RETURNING organisation_id`,
          [noticeId, status, at],
        );
        if (!updated.length) return;
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: updated[0].organisation_id,
          action: `notice.${status}`,
          subjectType: 'public_notice',
          subjectId: noticeId,
          after: { status },
          requestId: `${noticeId}:${status}`,
          at,
        });
      });
    },
  };
}

export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
