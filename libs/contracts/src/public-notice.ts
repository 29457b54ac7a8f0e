import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Assignee, Duration } from '../../domain/src';

export const PUBLIC_NOTICE_WORKFLOW = 'publicNotice';

export function publicNoticeWorkflowId(noticeId: string): string {
  return `notice-${noticeId}`;
}

export interface NoticeItem {
  id: string;
  name: string;
  description?: string;
}

/** A list put on notice (公示) for at least `duration`, open to objections from anyone. */
export interface PublicNoticeInput {
  noticeId: string;
  title: string;
  /** The committee responsible for the notice. */
  organisationId: string;
  /** Who investigates each objection (usually the committee's reviewer). */
  investigator: Assignee;
  /** Told when an investigation is overdue. */
  escalateTo?: { organisationId: string; role: Assignee['role'] } | null;
  items: NoticeItem[];
  duration: Duration;
  publishedAt: string;
  /** Hours an investigation may take; 72 by default. */
  investigationHours?: number;
  /** The campaign the notice belongs to, and whether it is within the unit or to society. */
  campaignId?: string | null;
  scope?: 'unit' | 'society' | null;
}

export interface ObjectionRequest {
  objectionId: string;
  itemId: string;
  anonymous: boolean;
  name?: string | null;
  contact?: string | null;
  content: string;
  lodgedAt: string;
}

export type ObjectionStatus = 'investigating' | 'upheld' | 'dismissed';

export interface PublicNoticeView {
  noticeId: string;
  status: 'open' | 'closing' | 'closed';
  lastDay: string | null;
  endsAt: string | null;
  items: Array<NoticeItem & { status: 'listed' | 'removed'; removedReason?: string }>;
  objections: Array<{ id: string; itemId: string; status: ObjectionStatus }>;
}

export interface PublicNoticeResult {
  noticeId: string;
  kept: string[];
  removed: Array<{ itemId: string; reason: string }>;
  objections: { lodged: number; upheld: number; dismissed: number };
}

export const lodgeObjectionUpdate = defineUpdate<{ objectionId: string; status: ObjectionStatus }, [ObjectionRequest]>('lodgeObjection');
export const publicNoticeQuery = defineQuery<PublicNoticeView>('publicNoticeState');
