import type { Actor } from '../../../../libs/contracts/src';
import { type OrgLevel, type Role, scopePathOf } from '../../../../libs/domain/src';

export interface RoleGrant {
  role: Role;
  organisationId: string;
  organisationName: string;
  level: OrgLevel;
  path: string;
  /** The subtree this grant gives authority over. */
  scopePath: string;
}

/** The authenticated caller and what the organisation tree lets them do. */
export class Principal {
  constructor(
    readonly userId: string,
    readonly username: string,
    readonly displayName: string,
    readonly grants: readonly RoleGrant[],
  ) {}

  /** May the caller read things belonging to the organisation at `path`? */
  canSee(path: string): boolean {
    return this.grants.some((g) => path.startsWith(g.scopePath));
  }

  /** The grant of `role` that covers the organisation at `path`, nearest first. */
  grantCovering(role: Role, path: string): RoleGrant | undefined {
    return this.grants
      .filter((g) => g.role === role && path.startsWith(g.scopePath))
      .sort((a, b) => b.scopePath.length - a.scopePath.length)[0];
  }

  grantAt(role: Role, organisationId: string): RoleGrant | undefined {
    return this.grants.find((g) => g.role === role && g.organisationId === organisationId);
  }

  actorAs(grant: RoleGrant): Actor {
    return { userId: this.userId, displayName: this.displayName, role: grant.role, organisationId: grant.organisationId };
  }
}

export function toGrant(row: { role: Role; organisationId: string; organisationName: string; level: OrgLevel; path: string }): RoleGrant {
  return { ...row, scopePath: scopePathOf(row) };
}
