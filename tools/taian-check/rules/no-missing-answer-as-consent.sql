-- Where a Tai'an campaign asks about unanswered agencies, no missing answer is counted without the committee's recorded decision
SELECT '逾期未复不视为无异议 (no missing answer read as consent)' AS rule,
       count(*) FILTER (WHERE a.gap_opinion IS NULL OR btrim(a.gap_opinion) = '')::int AS violations,
       count(*)::int AS checked
  FROM consultation_answers a
  JOIN consultations k ON k.id = a.consultation_id
  JOIN campaigns c ON c.id = k.campaign_id
 WHERE c.process = 'taian' AND a.answer = 'no_answer' AND c.params ->> 'unansweredConsultation' = 'ask';
