-- Every Tai'an committee that decided a list (grassroots, city-managed, the city) consulted its level's agencies, or put on record the kinds it lacks, before deciding
WITH decisions AS (
  -- A committee decides a list through a pick (a task with a selection form); its first one is its meeting.
  SELECT t.campaign_id, t.organisation_id, min(t.created_at) AS decided_at
    FROM tasks t JOIN campaigns c ON c.id = t.campaign_id
   WHERE c.process = 'taian' AND t.form ->> 'kind' = 'selection'
   GROUP BY t.campaign_id, t.organisation_id
)
SELECT '各级党委研究推荐名单前征求同级单位意见 (consultation at every level)' AS rule,
       count(*) FILTER (WHERE NOT consulted)::int AS violations,
       count(*)::int AS checked
  FROM (
    SELECT d.*,
           EXISTS (SELECT 1 FROM consultations k
                    WHERE k.campaign_id = d.campaign_id AND k.organisation_id = d.organisation_id AND k.created_at <= d.decided_at)
           -- a level without agencies of a kind says so; the organisation department's level is the city's (its parent)
           OR EXISTS (SELECT 1 FROM consultation_level_gaps g JOIN organisations o ON o.id = d.organisation_id
                       WHERE g.campaign_id = d.campaign_id AND g.organisation_id IN (o.id, o.parent_id) AND g.recorded_at <= d.decided_at) AS consulted
      FROM decisions d
  ) x;
