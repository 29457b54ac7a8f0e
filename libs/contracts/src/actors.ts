import type { OrgLevel, Role } from '../../domain/src';

/** Who acts, as the API authenticated them; carried into workflows for the record. */
export interface Actor {
  userId: string;
  displayName: string;
  role: Role;
  organisationId: string;
}

export interface OrgRef {
  id: string;
  name: string;
  level: OrgLevel;
  /** Its path in the tree, when the sender has just read it: spares the worker a lookup (absent in older workflows' inputs). */
  path?: string;
}
