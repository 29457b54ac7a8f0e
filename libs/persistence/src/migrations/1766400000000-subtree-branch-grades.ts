import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every organisation's branches, all of them in its subtree, and how many the
 * ledger grades at each grade. The ledger's summary, the Tai'an dashboard and
 * the 10% cap on advanced branches read one row here; they used to count the
 * subtree's branches and ledger entries on every read, a cost that grows with
 * the branches below (2.3 ms of a city head's dashboard at 1,200 branches; a
 * province has 200,000).
 *
 * Statement triggers keep the rows, as the campaign task counts are kept: a
 * change adds +1 to the rows of the branch's ancestors (itself included) and
 * −1 to those it leaves, in the writer's transaction, so a writer reading the
 * counts sees its own earlier writes (the naming of several branches checks
 * the cap after each). Rows are taken root first, as the ledger's writers take
 * the committees above a branch, so two writers wait in one order only.
 */
export class SubtreeBranchGrades1766400000000 implements MigrationInterface {
  name = 'SubtreeBranchGrades1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subtree_branch_grades (
        organisation_id uuid PRIMARY KEY,
        branches int NOT NULL DEFAULT 0,
        advanced int NOT NULL DEFAULT 0,
        average int NOT NULL DEFAULT 0,
        lagging int NOT NULL DEFAULT 0,
        weak_and_lax int NOT NULL DEFAULT 0
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON subtree_branch_grades TO pennant_app`);

    // The rows a statement wrote count +1 and those it replaced or removed −1, at every organisation on the
    // branch's path. `%2$s` names the branch's id column: ledger_entries' branch_id, organisations' own id.
    // A branch's grade is its ledger entry's, read at the statement's end (an organisation that moves keeps it).
    await q.query(`
      CREATE FUNCTION subtree_branch_grades_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        changed text := CASE TG_OP
          WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
          WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
          ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows' END;
        rows text := CASE TG_TABLE_NAME
          WHEN 'ledger_entries' THEN
            'SELECT b.path, 0 AS branch, r.grade, r.sign FROM (' || changed || ') r JOIN organisations b ON b.id = r.branch_id'
          ELSE
            'SELECT r.path, 1 AS branch, l.grade, r.sign FROM (' || changed || ') r LEFT JOIN ledger_entries l ON l.branch_id = r.id WHERE r.level = ''branch''' END;
      BEGIN
        EXECUTE format($sql$
          INSERT INTO subtree_branch_grades AS s (organisation_id, branches, advanced, average, lagging, weak_and_lax)
          SELECT id, branches, advanced, average, lagging, weak_and_lax
            FROM (SELECT a.id::uuid AS id, min(a.depth) AS depth, sum(r.sign * r.branch) AS branches,
                         coalesce(sum(r.sign) FILTER (WHERE r.grade = 'advanced'), 0) AS advanced,
                         coalesce(sum(r.sign) FILTER (WHERE r.grade = 'average'), 0) AS average,
                         coalesce(sum(r.sign) FILTER (WHERE r.grade = 'lagging'), 0) AS lagging,
                         coalesce(sum(r.sign) FILTER (WHERE r.grade = 'weak_and_lax'), 0) AS weak_and_lax
                    FROM (%s) r CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from r.path), '/')) WITH ORDINALITY a(id, depth)
                   GROUP BY a.id) d
           WHERE (branches, advanced, average, lagging, weak_and_lax) <> (0, 0, 0, 0, 0)
           -- Root first, then by id: the same order in every statement.
           ORDER BY depth, id
          ON CONFLICT (organisation_id) DO UPDATE SET
            branches = s.branches + EXCLUDED.branches, advanced = s.advanced + EXCLUDED.advanced, average = s.average + EXCLUDED.average,
            lagging = s.lagging + EXCLUDED.lagging, weak_and_lax = s.weak_and_lax + EXCLUDED.weak_and_lax
        $sql$, rows);
        RETURN NULL;
      END
      $fn$`);
    for (const table of ['ledger_entries', 'organisations']) {
      await q.query(
        `CREATE TRIGGER ${table}_grades_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subtree_branch_grades_apply()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_grades_updated AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subtree_branch_grades_apply()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_grades_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION subtree_branch_grades_apply()`,
      );
    }

    // The branches and entries already written (the triggers see only what comes after them).
    await q.query(`
      INSERT INTO subtree_branch_grades (organisation_id, branches, advanced, average, lagging, weak_and_lax)
      SELECT a.id::uuid, count(*), count(*) FILTER (WHERE l.grade = 'advanced'), count(*) FILTER (WHERE l.grade = 'average'),
             count(*) FILTER (WHERE l.grade = 'lagging'), count(*) FILTER (WHERE l.grade = 'weak_and_lax')
        FROM organisations b LEFT JOIN ledger_entries l ON l.branch_id = b.id
        CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from b.path), '/')) a(id)
       WHERE b.level = 'branch'
       GROUP BY a.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ledger_entries', 'organisations']) {
      for (const event of ['inserted', 'updated', 'deleted']) await q.query(`DROP TRIGGER ${table}_grades_${event} ON ${table}`);
    }
    await q.query(`DROP FUNCTION subtree_branch_grades_apply()`);
    await q.query(`DROP TABLE subtree_branch_grades`);
  }
}
