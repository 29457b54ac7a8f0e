import type { DataSource } from 'typeorm';
import { demoUsers, seedCalendarFromLibrary, seedTree, simulatedTree } from '../../libs/persistence/src';

export interface Branch {
  id: string;
  submitterId: string;
  committeeId: string;
  reviewerId: string;
}

/** Who acts in a run: every branch with its secretary, and the reviewer of the committee above it. */
export interface People {
  branches: Branch[];
  committees: Array<{ id: string; reviewerId: string; headId: string | null }>;
  rootId: string;
  adminId: string;
  headId: string;
}

/** The simulation's generated city on an empty database, and who is who in it. */
export async function seedPeople(ds: DataSource, branches: number): Promise<People> {
  await seedCalendarFromLibrary(ds);
  await seedTree(ds, simulatedTree(branches), demoUsers);
  const holder = async (role: string) =>
    new Map(
      ((await ds.query(`SELECT organisation_id AS org, user_id AS "user" FROM role_assignments WHERE role = $1`, [role])) as Array<{ org: string; user: string }>).map((r) => [
        r.org,
        r.user,
      ]),
    );
  const [submitters, reviewers, heads, admins] = await Promise.all([holder('submitter'), holder('reviewer'), holder('department_head'), holder('administrator')]);
  const rows: Array<{ id: string; parent: string }> = await ds.query(`SELECT id, parent_id AS parent FROM organisations WHERE level = 'branch' ORDER BY code`);
  const committees: Array<{ id: string }> = await ds.query(`SELECT id FROM organisations WHERE level IN ('grassroots_committee', 'city_managed_committee') ORDER BY code`);
  const [zzb] = (await ds.query(`SELECT id FROM organisations WHERE code = 'taian-zzb'`)) as Array<{ id: string }>;
  const [root] = (await ds.query(`SELECT id FROM organisations WHERE parent_id IS NULL`)) as Array<{ id: string }>;
  return {
    branches: rows.map((b) => ({ id: b.id, submitterId: submitters.get(b.id)!, committeeId: b.parent, reviewerId: reviewers.get(b.parent)! })),
    committees: committees.map((c) => ({ id: c.id, reviewerId: reviewers.get(c.id)!, headId: heads.get(c.id) ?? null })),
    rootId: root!.id,
    adminId: admins.get(zzb!.id)!,
    headId: heads.get(zzb!.id)!,
  };
}
