import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';

const STATUS_COLORS: Record<string, string> = { open: 'processing', completed: 'green', overdue: 'red', postponed: 'default' };

/** An obligation's occurrence: its period and deadline, and — a responsibility list's item — its leader and its people. */
export function ObligationSubject({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['obligations', 'occurrences', id], queryFn: () => unwrap(api.GET('/obligations/occurrences/{id}', { params: { path: { id } } })) });
  const o = q.data;
  return (
    <QueryState query={q}>
      {o && (
        <Card size="small" title="经常性工作">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'org', label: '单位', children: o.organisationName },
              { key: 'period', label: '期间', children: o.periodLabel },
              { key: 'due', label: '完成时限', children: formatDate(`${o.dueDate}T12:00:00+08:00`) },
              { key: 'status', label: '状态', children: <Tag color={o.completedLate ? 'orange' : STATUS_COLORS[o.status]}>{o.completedLate ? '逾期完成' : o.statusLabel}</Tag> },
              ...(o.leader ? [{ key: 'leader', label: '责任领导', children: o.leader }] : []),
              ...(o.responsible ? [{ key: 'responsible', label: '责任人', children: o.responsible }] : []),
            ]}
          />
        </Card>
      )}
    </QueryState>
  );
}
