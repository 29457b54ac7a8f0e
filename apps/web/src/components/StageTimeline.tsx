import { useQueries, useQuery } from '@tanstack/react-query';
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import { ZONE, dayjs, formatDate } from '../format';

export interface TimelineStage {
  stage: string;
  label: string;
  opensOn: string;
  dueOn: string;
  /** A tag beside the label (the stage's status, its counts). */
  extra?: ReactNode;
}

/** The holidays and adjusted working days of the years the stages span, from the working-day calendar (years not entered are skipped). */
export function useCalendarDays(years: number[]) {
  const entered = useQuery({ queryKey: ['calendar', 'years'], queryFn: () => unwrap(api.GET('/calendar/years')), staleTime: 60_000 });
  const known = new Set((entered.data ?? []).map((y) => y.year));
  const wanted = years.filter((y) => known.has(y));
  const results = useQueries({
    queries: wanted.map((year) => ({
      queryKey: ['calendar', 'year', year],
      queryFn: () => unwrap(api.GET('/calendar/years/{year}', { params: { path: { year } } })),
      staleTime: 60_000,
    })),
  });
  return results.flatMap((r) => r.data?.days ?? []);
}

const dayOf = (d: string) => dayjs.tz(d, ZONE).startOf('day');

/**
 * Stages as bars between their opening and their deadline, on one scale: today marked,
 * holidays and adjusted working days shaded, so a deadline next to a holiday shows.
 */
export function StageTimeline({ stages, title = '阶段日程' }: { stages: TimelineStage[]; title?: string }) {
  const first = stages.reduce((m, s) => (s.opensOn < m ? s.opensOn : m), stages[0]?.opensOn ?? '');
  const last = stages.reduce((m, s) => (s.dueOn > m ? s.dueOn : m), stages[0]?.dueOn ?? '');
  const start = dayOf(first || dayjs().format('YYYY-MM-DD'));
  const end = dayOf(last || first).add(1, 'day');
  const span = Math.max(1, end.diff(start, 'day'));
  const years = [...new Set([start.year(), end.year()])];
  const days = useCalendarDays(years).filter((d) => d.date >= first && d.date <= last);
  const pct = (d: string) => `${(dayOf(d).diff(start, 'day') / span) * 100}%`;
  const width = (from: string, toInclusive: string) => `${((dayOf(toInclusive).add(1, 'day').diff(dayOf(from), 'day')) / span) * 100}%`;
  const today = dayjs().tz(ZONE).format('YYYY-MM-DD');
  const todayShown = today >= first && today <= last;
  if (!stages.length) return null;
  return (
    <div className="timeline" role="figure" aria-label={`${title}：${formatDate(`${first}T12:00:00+08:00`)}至${formatDate(`${last}T12:00:00+08:00`)}`}>
      <Space wrap className="timeline-legend" size={[12, 4]}>
        <Typography.Text type="secondary">
          {formatDate(`${first}T12:00:00+08:00`)} — {formatDate(`${last}T12:00:00+08:00`)}
        </Typography.Text>
        <span>
          <i className="swatch swatch-today" /> 今天 {formatDate(`${today}T12:00:00+08:00`)}
          {todayShown ? '' : '（不在日程内）'}
        </span>
        <span>
          <i className="swatch swatch-holiday" /> 节假日
        </span>
        <span>
          <i className="swatch swatch-workday" /> 调休上班
        </span>
      </Space>
      {stages.map((s) => (
        <div className="timeline-row" key={s.stage} data-testid={`stage-${s.stage}`}>
          <div className="timeline-label">
            <Typography.Text strong>{s.label}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatDate(`${s.opensOn}T12:00:00+08:00`)}至{formatDate(`${s.dueOn}T12:00:00+08:00`)}
            </Typography.Text>{' '}
            {s.extra}
          </div>
          <div className="timeline-track" aria-hidden>
            {days.map((d) => (
              <span key={d.date} className={d.kind === 'holiday' ? 'timeline-holiday' : 'timeline-workday'} style={{ left: pct(d.date), width: width(d.date, d.date) }} title={`${d.name}`} />
            ))}
            <span className="timeline-bar" style={{ left: pct(s.opensOn), width: width(s.opensOn, s.dueOn) }} />
            {todayShown && <span className="timeline-today" style={{ left: pct(today) }} />}
          </div>
        </div>
      ))}
      {days.length > 0 && (
        <Typography.Paragraph type="secondary" className="timeline-days">
          日程内的节假日与调休：
          {days.map((d) => (
            <Tag key={d.date} color={d.kind === 'holiday' ? 'volcano' : 'blue'}>
              {dayjs(d.date).format('M月D日')} {d.name}
              {d.kind === 'holiday' ? '放假' : '上班'}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
    </div>
  );
}
