-- No branch graded 后进 or 软弱涣散 named: the grade in force when it was named (before the naming moved it; the current grade where no naming change is kept) allows recommendation
SELECT '评选资格规则：后进、软弱涣散党支部整改经验收、重新评定等次前不得推荐 / no ineligible branch named' AS rule,
       count(*) FILTER (WHERE coalesce(at_naming, current_grade) IN ('lagging', 'weak_and_lax'))::int AS violations,
       count(*)::int AS checked
  FROM (
    SELECT n.id,
           (SELECT h.previous_grade FROM ledger_history h
             WHERE h.branch_id = n.branch_id AND h.campaign_id = n.campaign_id AND h.source = 'naming'
             ORDER BY h.recorded_at LIMIT 1) AS at_naming,
           (SELECT l.grade FROM ledger_entries l WHERE l.branch_id = n.branch_id) AS current_grade
      FROM nominations n
      JOIN campaigns c ON c.id = n.campaign_id
     WHERE c.process = 'taian' AND n.campaign_status IN ('named', 'withdrawn')
  ) named;
