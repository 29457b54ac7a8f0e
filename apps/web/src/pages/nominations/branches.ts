import type { SessionUser } from '../../session/session';

/** The branches the user submits for: their submitter grants at a branch. */
export function submitterBranches(user: SessionUser) {
  return user.roles.filter((g) => g.role === 'submitter' && g.level === 'branch').map((g) => ({ id: g.organisationId, name: g.organisationName }));
}

export const isSubmitter = (user: SessionUser) => user.roles.some((g) => g.role === 'submitter');
