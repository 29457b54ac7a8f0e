import type { NominationFormValues } from './types';

/** What is kept of an unsent form: the fields and the year (files cannot be kept by a browser). */
export interface Draft {
  values: Partial<NominationFormValues> & { campaignYear?: number };
  savedAt: string;
}

const key = (userId: string, branchId: string) => `pennant.nomination-draft.${userId}.${branchId}`;

/** The draft a user left for a branch, kept in this browser if the page was closed before sending. */
export function readDraft(userId: string, branchId: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(userId, branchId));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, branchId: string, values: Draft['values']): void {
  try {
    localStorage.setItem(key(userId, branchId), JSON.stringify({ values, savedAt: new Date().toISOString() } satisfies Draft));
  } catch {
    // A full or disabled storage only loses the convenience of a draft.
  }
}

export function clearDraft(userId: string, branchId: string): void {
  localStorage.removeItem(key(userId, branchId));
}
