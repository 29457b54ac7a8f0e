-- A Tai'an campaign's completed task no longer shows as overdue (lateness stays counted in missed)
SELECT '办结的任务不显示逾期 (completed tasks not overdue)' AS rule,
       count(*) FILTER (WHERE t.overdue)::int AS violations,
       count(*)::int AS checked
  FROM tasks t LEFT JOIN nominations n ON t.subject_type = 'nomination' AND n.id = t.subject_id
  JOIN campaigns c ON c.id = coalesce(t.campaign_id, n.campaign_id)
 WHERE c.process = 'taian' AND t.status = 'completed';
