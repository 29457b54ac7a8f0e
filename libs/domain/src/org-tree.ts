import { type OrgLevel, isDepartment } from './organisation';

/**
 * An organisation's place in the tree. `path` is the materialised path of ids
 * from the root down to and including the organisation, as "/a/b/c/", so that
 * "is X inside Y's subtree" is a prefix test both here and in SQL.
 */
export interface OrgNode {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  path: string;
}

export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithinSubtree(node: Pick<OrgNode, 'path'>, rootPath: string): boolean {
  return node.path.startsWith(rootPath);
}

/** Ids on the path from the root down to the node itself. */
export function ancestorIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * Where a role held at `org` gives authority. A department acts for the
 * committee it belongs to (the organisation department for the city committee,
 * a political department for its bureau's committee), so its scope is its
 * parent's subtree; everyone else governs their own subtree.
 */
export function scopePathOf(org: Pick<OrgNode, 'level' | 'path'>): string {
  if (isDepartment(org.level)) {
    const ids = ancestorIds(org.path);
    return `/${ids.slice(0, -1).join('/')}/`;
  }
  return org.path;
}

/**
 * The committee that first reviews a branch's nomination: the nearest
 * committee above it (a branch may hang directly under a city-managed
 * committee). `ancestry` runs from the root down to the branch.
 */
export function reviewingCommittee<T extends Pick<OrgNode, 'level'>>(ancestry: readonly T[]): T | undefined {
  for (let i = ancestry.length - 2; i >= 0; i--) {
    const level = ancestry[i]!.level;
    if (level === 'grassroots_committee' || level === 'city_managed_committee' || level === 'city_committee') {
      return ancestry[i];
    }
  }
  return undefined;
}

export function nearestOfLevel<T extends Pick<OrgNode, 'level'>>(ancestry: readonly T[], level: OrgLevel): T | undefined {
  for (let i = ancestry.length - 1; i >= 0; i--) {
    if (ancestry[i]!.level === level) return ancestry[i];
  }
  return undefined;
}
