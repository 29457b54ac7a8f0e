-- Ledger (附件1) adjusted at naming: each named branch (a title withdrawn since included) graded advanced in its history and one audit row by the city committee, at the workflow's time on or after the naming day; the entry as its history last left it
SELECT '台账随命名调整：“根据每年考评结果及时进行调整” / ledger adjusted at naming' AS rule,
       count(*) FILTER (WHERE NOT adjusted)::int AS violations,
       count(*)::int AS checked
  FROM (
    SELECT n.id,
           EXISTS (
             SELECT 1
               FROM ledger_history h
               JOIN organisations d ON d.id = h.organisation_id AND d.level = 'city_committee'
               JOIN campaign_stages s ON s.campaign_id = n.campaign_id AND s.stage = 'naming'
              WHERE h.branch_id = n.branch_id
                AND h.campaign_id = n.campaign_id
                AND h.source = 'naming'
                AND h.grade = 'advanced'
                AND h.year = c.year
                AND (h.recorded_at AT TIME ZONE 'Asia/Shanghai')::date >= s.opens_on
                AND extract(year FROM h.recorded_at AT TIME ZONE 'Asia/Shanghai') = c.year
                -- The entry as its history last left it (the naming, or a later result such as a title withdrawn).
                AND (SELECT l.grade FROM ledger_entries l WHERE l.branch_id = n.branch_id)
                  = (SELECT x.grade FROM ledger_history x WHERE x.branch_id = n.branch_id ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)
                AND (SELECT count(*) FROM audit_log a
                      WHERE a.action = 'ledger.entry.named'
                        AND a.subject_id = n.branch_id::text
                        AND a.request_id = h.change_key
                        AND a.organisation_id = h.organisation_id
                        AND a.actor_id IS NOT DISTINCT FROM h.actor_id
                        AND a.at = h.recorded_at) = 1
           ) AS adjusted
      FROM nominations n
      JOIN campaigns c ON c.id = n.campaign_id
     WHERE c.process = 'taian' AND n.campaign_status IN ('named', 'withdrawn')
  ) named;
