import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AgencyKind, BranchDomain, CandidateVerdict, ConsultationAnswer, TaskActor } from '../../domain/src';

export const CONSULTATION_WORKFLOW = 'consultation';

export function consultationWorkflowId(consultationId: string): string {
  return `consultation-${consultationId}`;
}

export interface ConsultationCandidate {
  id: string;
  name: string;
  domain: BranchDomain | null;
}

export interface ConsultedAgency {
  organisationId: string;
  kind: AgencyKind;
  name: string;
  /** Each agency has its own deadline. */
  dueAt: string;
  /** The candidates this agency is asked about. */
  candidateIds: string[];
}

export type UnansweredConsultation = 'ask' | 'no_objection' | 'block';

/** How long the committee waits again when it decides to wait for a late answer. */
export const CONSULTATION_WAIT_DAYS = 3;

/** Parallel requests for opinions before a committee meeting (征求意见). */
export interface ConsultationInput {
  consultationId: string;
  title: string;
  /** The consulting committee. */
  organisationId: string;
  candidates: ConsultationCandidate[];
  agencies: ConsultedAgency[];
  /**
   * At an agency's deadline without an answer: ask the consulting committee
   * to decide (wait longer, or go ahead with the gap on record — a missing
   * answer is never consent by default), keep waiting (block), or count it as
   * no objection (the engine's first behaviour, kept for running consultations).
   */
  onTimeout: UnansweredConsultation;
  /** Told of missing answers: the consulting committee's reviewer, usually. */
  escalateTo: { organisationId: string; role: TaskActor['role'] };
  /** The campaign the consultation belongs to. */
  campaignId?: string | null;
}

export interface AgencyAnswerRequest {
  agencyId: string;
  answers: Array<{ candidateId: string; answer: ConsultationAnswer; reason: string }>;
  actor: TaskActor;
}

export interface ConsultationView {
  consultationId: string;
  status: 'open' | 'completed';
  agencies: Array<{ organisationId: string; name: string; status: 'pending' | 'answered' | 'no_answer'; dueAt: string }>;
  candidates: Array<{ id: string; name: string; verdict: CandidateVerdict }>;
}

export interface ConsultationResult {
  consultationId: string;
  /**
   * `reasons`: every objection and veto with its agency; `gaps`: the agencies
   * that never answered about the candidate, which the committee chose to go
   * ahead without (never counted as consent).
   */
  candidates: Array<{ id: string; verdict: Exclude<CandidateVerdict, 'pending'>; reasons: string[]; gaps?: string[] }>;
}

export const agencyAnswerUpdate = defineUpdate<ConsultationView, [AgencyAnswerRequest]>('agencyAnswer');
export const consultationQuery = defineQuery<ConsultationView>('consultationState');
