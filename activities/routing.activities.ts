import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { type Assignee, type Route, type RoutableOrg, RouteUnresolvable, resolveRoute } from '../libs/domain/src';

/** Loads just the part of the tree a route needs, then resolves it with the pure rule. */
export function createRoutingActivities(ds: DataSource) {
  return {
    async resolveAssignees({ route }: { route: Route }): Promise<Assignee[]> {
      const select = `SELECT id, level, path, parent_id AS "parentId", agency_kind AS "agencyKind" FROM organisations`;
      let orgs: RoutableOrg[];
      switch (route.to) {
        case 'committee_above':
          orgs = await ds.query(`${select} WHERE id = ANY(string_to_array(trim(both '/' from (SELECT path FROM organisations WHERE id = $1)), '/')::uuid[])`, [route.of]);
          break;
        case 'each_of_level':
          orgs = await ds.query(`${select} WHERE id = $1 OR path LIKE (SELECT path FROM organisations WHERE id = $1) || '%'`, [route.within]);
          break;
        case 'agencies_for':
          orgs = await ds.query(`${select} WHERE parent_id = $1 OR id = $1`, [route.at]);
          break;
        default:
          orgs = await ds.query(`${select} WHERE id = $1`, [route.organisationId]);
      }
      try {
        return resolveRoute(route, orgs);
      } catch (err) {
        if (err instanceof RouteUnresolvable) throw ApplicationFailure.nonRetryable(err.message, 'ROUTE_UNRESOLVABLE');
        throw err;
      }
    },
  };
}

export type RoutingActivities = ReturnType<typeof createRoutingActivities>;
