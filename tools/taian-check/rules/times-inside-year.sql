-- Every time a Tai'an campaign recorded lies inside its year (Beijing time), the year after naming's work (动态管理) inside that year; only the campaign's own setting up may precede it
WITH c AS (
  SELECT id,
         make_timestamptz(year, 1, 1, 0, 0, 0, 'Asia/Shanghai') AS opens,
         make_timestamptz(year + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai') AS closes,
         -- The year after the naming on 1 July: to the end of June of the next year.
         make_timestamptz(year + 1, 7, 1, 0, 0, 0, 'Asia/Shanghai') AS after_naming_closes
    FROM campaigns
   WHERE process = 'taian' AND started_at IS NOT NULL
),
-- The campaign's tasks: its own, and the review of its nominations (which older rows recorded without the campaign).
campaign_tasks AS (
  SELECT t.*, coalesce(t.campaign_id, n.campaign_id) AS of_campaign
    FROM tasks t LEFT JOIN nominations n ON t.subject_type = 'nomination' AND n.id = t.subject_id
   WHERE coalesce(t.campaign_id, n.campaign_id) IS NOT NULL
),
-- Whatever the audit trail says of the campaign: itself, its nominations, tasks, notices and consultations.
subjects(campaign_id, subject_id) AS (
  SELECT id, id::text FROM c
  UNION SELECT campaign_id, id::text FROM nominations WHERE campaign_id IS NOT NULL
  UNION SELECT of_campaign, id::text FROM campaign_tasks
  UNION SELECT of_campaign, group_id::text FROM campaign_tasks WHERE group_id IS NOT NULL
  UNION SELECT campaign_id, id::text FROM public_notices WHERE campaign_id IS NOT NULL
  UNION SELECT campaign_id, id::text FROM consultations WHERE campaign_id IS NOT NULL
),
times(campaign_id, at, after_naming) AS (
  SELECT id, finished_at, false FROM campaigns
  UNION ALL SELECT campaign_id, opened_at, false FROM campaign_stages
  UNION ALL SELECT campaign_id, completed_at, false FROM campaign_stages
  UNION ALL SELECT campaign_id, created_at, false FROM campaign_extensions
  UNION ALL SELECT campaign_id, submitted_at, false FROM campaign_plans
  UNION ALL SELECT of_campaign, created_at, stage = 'dynamic_management' FROM campaign_tasks
  UNION ALL SELECT of_campaign, completed_at, stage = 'dynamic_management' FROM campaign_tasks
  UNION ALL SELECT campaign_id, submitted_at, false FROM nominations
  UNION ALL SELECT campaign_id, updated_at, campaign_status = 'withdrawn' FROM nominations
  UNION ALL SELECT n.campaign_id, s.created_at, false FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id
  UNION ALL SELECT campaign_id, recorded_at, false FROM nomination_inspections
  UNION ALL SELECT campaign_id, decided_at, false FROM committee_red_flags
  UNION ALL SELECT campaign_id, published_at, false FROM public_notices
  UNION ALL SELECT campaign_id, closed_at, false FROM public_notices
  UNION ALL SELECT p.campaign_id, o.lodged_at, false FROM objections o JOIN public_notices p ON p.id = o.notice_id
  UNION ALL SELECT p.campaign_id, o.resolved_at, false FROM objections o JOIN public_notices p ON p.id = o.notice_id
  UNION ALL SELECT campaign_id, created_at, false FROM consultations
  UNION ALL SELECT campaign_id, completed_at, false FROM consultations
  UNION ALL SELECT k.campaign_id, a.answered_at, false FROM consultation_answers a JOIN consultations k ON k.id = a.consultation_id
  UNION ALL SELECT campaign_id, recorded_at, false FROM consultation_level_gaps
  UNION ALL SELECT DISTINCT ON (x.id) t.of_campaign, x.created_at, t.stage = 'dynamic_management' FROM notifications x JOIN campaign_tasks t ON x.task_id IN (t.id, t.group_id)
  UNION ALL SELECT k.campaign_id, x.created_at, false FROM notifications x JOIN consultations k ON x.task_id = k.id
  UNION ALL SELECT s.campaign_id, a.at, a.action = 'campaign.title_withdrawn' OR a.subject_id IN (SELECT group_id::text FROM campaign_tasks WHERE stage = 'dynamic_management') FROM audit_log a JOIN subjects s ON s.subject_id = a.subject_id
   WHERE a.action NOT IN ('campaign.created', 'campaign.start', 'campaign.started')
  UNION ALL SELECT campaign_id, checked_at, true FROM red_flag_spot_checks
)
SELECT '记录时间均在评选年度内 (times inside the year)' AS rule,
       count(*) FILTER (WHERE t.at < c.opens OR t.at >= CASE WHEN t.after_naming THEN c.after_naming_closes ELSE c.closes END)::int AS violations,
       count(*)::int AS checked
  FROM times t JOIN c ON c.id = t.campaign_id
 WHERE t.at IS NOT NULL;
