import { CURRENT_CONSULTATION_RULES, type ConsultationRules, agenciesFor } from './consultation';
import type { Assignee } from './human-task';
import { ancestorIds } from './org-tree';
import type { AgencyKind, BranchDomain, OrgLevel } from './organisation';
import { COMMITTEE_LEVELS } from './organisation';
import type { Role } from './roles';

/**
 * Where a task goes, said the way the documents say it: "the committee above
 * this branch", "each city-managed committee", "every agency on this
 * candidate's list", an organisation, or a person.
 */
export type Route =
  | { to: 'committee_above'; of: string; role: Role }
  | { to: 'each_of_level'; level: OrgLevel; within: string; role: Role }
  | { to: 'agencies_for'; domain: BranchDomain | null; at: string; rules?: ConsultationRules }
  | { to: 'organisation'; organisationId: string; role: Role }
  | { to: 'person'; userId: string; displayName: string; organisationId: string; role: Role };

export interface RoutableOrg {
  id: string;
  level: OrgLevel;
  path: string;
  parentId: string | null;
  agencyKind: AgencyKind | null;
}

export class RouteUnresolvable extends Error {
  override name = 'RouteUnresolvable';
}

/** Resolves a route over the organisations given (enough of the tree to answer it). */
export function resolveRoute(route: Route, orgs: readonly RoutableOrg[]): Assignee[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const need = (id: string) => {
    const o = byId.get(id);
    if (!o) throw new RouteUnresolvable(`组织 ${id} 不存在`);
    return o;
  };
  switch (route.to) {
    case 'organisation':
      need(route.organisationId);
      return [{ organisationId: route.organisationId, role: route.role }];
    case 'person':
      return [{ organisationId: route.organisationId, role: route.role, userId: route.userId, displayName: route.displayName }];
    case 'committee_above': {
      const ids = ancestorIds(need(route.of).path).slice(0, -1).reverse();
      const committee = ids.map((id) => byId.get(id)).find((o) => o && COMMITTEE_LEVELS.includes(o.level));
      if (!committee) throw new RouteUnresolvable('上级没有党委');
      return [{ organisationId: committee.id, role: route.role }];
    }
    case 'each_of_level': {
      const root = need(route.within).path;
      const found = orgs.filter((o) => o.level === route.level && o.path.startsWith(root)).sort((a, b) => a.path.localeCompare(b.path));
      if (!found.length) throw new RouteUnresolvable('范围内没有符合条件的组织');
      return found.map((o) => ({ organisationId: o.id, role: route.role }));
    }
    case 'agencies_for': {
      const wanted = new Set(agenciesFor(route.domain, route.rules ?? CURRENT_CONSULTATION_RULES));
      const found = orgs.filter((o) => o.level === 'agency' && o.parentId === route.at && o.agencyKind && wanted.has(o.agencyKind));
      const missing = [...wanted].filter((k) => !found.some((o) => o.agencyKind === k));
      if (missing.length) throw new RouteUnresolvable(`本级缺少征求意见单位：${missing.join('、')}`);
      return found.map((o) => ({ organisationId: o.id, role: 'agency_consultee' as const }));
    }
  }
}
