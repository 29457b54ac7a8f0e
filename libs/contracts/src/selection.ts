import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Assignee, SelectionCandidate, SelectionExplanation, SelectionRules, TaskActor } from '../../domain/src';

export const DIFFERENTIAL_SELECTION_WORKFLOW = 'differentialSelection';
export const differentialSelectionWorkflowId = (selectionId: string) => `selection-${selectionId}`;

/** A committee chooses k of n candidates (差额) under the rules; the workflow proposes and checks. */
export interface DifferentialSelectionInput {
  selectionId: string;
  title: string;
  organisationId: string;
  decider: Assignee;
  candidates: SelectionCandidate[];
  rules: SelectionRules;
}

export interface SelectionDecisionRequest {
  chosen: string[];
  /** Why a priority candidate was left out, by candidate id. */
  reasons?: Record<string, string>;
  actor: TaskActor;
}

export interface DifferentialSelectionResult {
  selectionId: string;
  selected: string[];
  explanations: SelectionExplanation[];
  decidedBy: string;
}

export const submitSelectionUpdate = defineUpdate<DifferentialSelectionResult, [SelectionDecisionRequest]>('submitSelection');
export const selectionProposalQuery = defineQuery<{ selected: string[]; explanations: SelectionExplanation[] }>('selectionProposal');
