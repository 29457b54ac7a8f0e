-- The 10% cap at every level that reports (grassroots, city-managed, the city's list): a level over it only with an exception reason on its decision and in that decision's audit row
SELECT '各级党委上报的先进党支部总数原则上不超过所辖党支部总数的10% / cap at every reporting level' AS rule,
       count(*) FILTER (WHERE reported > floor(share * governed + 1e-9) AND NOT excepted)::int AS violations,
       count(*)::int AS checked
  FROM (
    SELECT r.campaign_id, r.organisation_id, r.step, r.reported, r.share,
           (SELECT count(*) FROM organisations b
             WHERE b.level = 'branch'
               AND b.path LIKE (CASE WHEN o.level = 'org_department' THEN (SELECT p.path FROM organisations p WHERE p.id = o.parent_id) ELSE o.path END) || '%') AS governed,
           EXISTS (
             SELECT 1
               FROM tasks t
               JOIN audit_log a ON a.subject_id = t.group_id::text AND a.action LIKE 'task.decide.%' AND a.actor_id = t.completed_by
              WHERE t.campaign_id = r.campaign_id
                AND t.organisation_id = r.organisation_id
                AND t.kind = CASE r.step WHEN 'grassroots_opinion' THEN 'collective_decision' WHEN 'city_managed_opinion' THEN 'committee_selection' ELSE 'city_review' END
                AND t.status = 'completed'
                AND btrim(coalesce(t.data ->> 'capException', '')) <> ''
                AND a.after -> 'data' ->> 'capException' = t.data ->> 'capException'
           ) AS excepted
      FROM (
        SELECT n.campaign_id, s.organisation_id, s.step, count(DISTINCT s.nomination_id) AS reported,
               coalesce((c.params ->> 'advancedCap')::numeric, 0.1) AS share
          FROM nomination_steps s
          JOIN nominations n ON n.id = s.nomination_id
          JOIN campaigns c ON c.id = n.campaign_id
         WHERE c.process = 'taian' AND s.step IN ('grassroots_opinion', 'city_managed_opinion', 'org_department_opinion')
         GROUP BY n.campaign_id, s.organisation_id, s.step, c.params
      ) r
      JOIN organisations o ON o.id = r.organisation_id
  ) levels;
