-- A Tai'an stage is recorded late exactly when it closed after its deadline (as extended)
WITH due AS (
  SELECT s.campaign_id, s.stage, s.status, s.completed_at, s.completed_late,
         greatest(s.due_at, (SELECT max(e.due_at) FROM campaign_extensions e WHERE e.campaign_id = s.campaign_id AND e.stage = s.stage)) AS due_at
    FROM campaign_stages s JOIN campaigns c ON c.id = s.campaign_id
   WHERE c.process = 'taian' AND s.status IN ('completed', 'overdue') AND s.completed_at IS NOT NULL
)
SELECT '阶段按期与否与其时间一致 (stage lateness agrees with its times)' AS rule,
       count(*) FILTER (WHERE completed_late IS DISTINCT FROM (completed_at > due_at))::int AS violations,
       count(*)::int AS checked
  FROM due;
