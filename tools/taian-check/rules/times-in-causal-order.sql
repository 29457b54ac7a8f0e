-- A Tai'an campaign's recorded times follow cause and effect: nothing ends before it began or is answered before it was asked
WITH c AS (SELECT id FROM campaigns WHERE process = 'taian'),
pairs(campaign_id, before, after) AS (
  -- a stage opens before it closes; the campaign starts before it finishes
  SELECT campaign_id, opened_at, completed_at FROM campaign_stages
  UNION ALL SELECT id, started_at, finished_at FROM campaigns
  -- a task is opened before it is done
  UNION ALL SELECT coalesce(t.campaign_id, n.campaign_id), t.created_at, t.completed_at
    FROM tasks t LEFT JOIN nominations n ON t.subject_type = 'nomination' AND n.id = t.subject_id
  -- a nomination is submitted before any level acts on it
  UNION ALL SELECT n.campaign_id, n.submitted_at, s.created_at FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id
  -- a notice is published before it closes, an objection lodged while it is open and resolved after, the notice closed after every resolution
  UNION ALL SELECT campaign_id, published_at, closed_at FROM public_notices
  UNION ALL SELECT p.campaign_id, p.published_at, o.lodged_at FROM objections o JOIN public_notices p ON p.id = o.notice_id
  UNION ALL SELECT p.campaign_id, o.lodged_at, p.ends_at FROM objections o JOIN public_notices p ON p.id = o.notice_id
  UNION ALL SELECT p.campaign_id, o.lodged_at, o.resolved_at FROM objections o JOIN public_notices p ON p.id = o.notice_id
  UNION ALL SELECT p.campaign_id, o.resolved_at, p.closed_at FROM objections o JOIN public_notices p ON p.id = o.notice_id
  -- an agency answers after it was asked and before the consultation completes
  UNION ALL SELECT campaign_id, created_at, completed_at FROM consultations
  UNION ALL SELECT k.campaign_id, k.created_at, a.answered_at FROM consultation_answers a JOIN consultations k ON k.id = a.consultation_id
  UNION ALL SELECT k.campaign_id, a.answered_at, k.completed_at FROM consultation_answers a JOIN consultations k ON k.id = a.consultation_id
)
SELECT '记录时间先后有序 (times in causal order)' AS rule,
       count(*) FILTER (WHERE p.after < p.before)::int AS violations,
       count(*)::int AS checked
  FROM pairs p JOIN c ON c.id = p.campaign_id
 WHERE p.before IS NOT NULL AND p.after IS NOT NULL;
