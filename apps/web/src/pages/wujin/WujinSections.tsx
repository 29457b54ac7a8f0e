import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../format';
import { ObligationTable } from './ObligationTable';
import { type Phase, STANDING_LABELS, type WujinDashboard, branchPath, percent } from './types';

const PHASE_COLORS: Record<string, string> = { pending: 'processing', met: 'green', missed: 'red' };

function Committees({ title, rows, color }: { title: string; rows: Phase['behind']; color: string }) {
  if (!rows.length) return null;
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <div>
        {rows.map((c) => (
          <Tag key={c.committeeId} color={color} style={{ marginTop: 4 }}>
            {c.name} {percent(c.measured)}
          </Tag>
        ))}
      </div>
    </div>
  );
}

/** A phase as a card: its target, the measured (or, while open, the live) value, the deadline, and who is behind or commended. */
function PhaseCard({ p }: { p: Phase }) {
  const value = p.measured ?? p.live?.measured ?? null;
  return (
    <Card size="small" title={p.label} extra={<Tag color={PHASE_COLORS[p.status]}>{p.statusLabel}</Tag>} data-testid={`phase-${p.phase}`}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'target', label: '目标', children: `${p.targetLabel}达到${percent(p.target)}` },
          { key: 'measured', label: p.measured === null ? '当前值' : '实测值', children: value === null ? '—' : percent(value) },
          { key: 'ends', label: '截止日期', children: formatDate(`${p.endsOn}T12:00:00+08:00`) },
          ...(p.evaluatedAt ? [{ key: 'at', label: '测算时间', children: formatDateTime(p.evaluatedAt) }] : []),
        ]}
      />
      <Space direction="vertical" size={4}>
        <Committees title="未达到目标的党(工)委" rows={p.behind} color="red" />
        <Committees title="列入表扬的党(工)委" rows={p.commended} color="green" />
      </Space>
    </Card>
  );
}

function Standings({ by }: { by: Record<string, number> }) {
  return (
    <Space wrap size={[4, 4]}>
      {Object.entries(by)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => (
          <Tag key={k}>
            {STANDING_LABELS[k] ?? k} {n}
          </Tag>
        ))}
    </Space>
  );
}

function Compliance({ c }: { c: WujinDashboard['compliance'] }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 4 }}
        items={[
          { key: 'branches', label: '党支部', children: c.branches },
          { key: 'active', label: '未撤销、撤并', children: c.active },
          { key: 'compliant', label: '合格支部', children: c.compliant },
          { key: 'rate', label: '达标率', children: <Typography.Text strong>{percent(c.rate)}</Typography.Text> },
        ]}
      />
      <Standings by={c.byStanding} />
      <Table
        size="small"
        rowKey="committeeId"
        dataSource={c.committees}
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="各党(工)委达标情况"
        columns={[
          { title: '党(工)委', dataIndex: 'committeeName' },
          { title: '党支部', dataIndex: 'branches', align: 'right' },
          { title: '未撤销、撤并', dataIndex: 'active', align: 'right' },
          { title: '合格支部', dataIndex: 'compliant', align: 'right' },
          { title: '达标率', dataIndex: 'rate', align: 'right', render: (v: number) => percent(v) },
          { title: '各状态', dataIndex: 'byStanding', render: (v: Record<string, number>) => <Standings by={v} /> },
        ]}
      />
    </Space>
  );
}

function Scores({ s, campaignId }: { s: WujinDashboard['scores']; campaignId: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 4 }}
        items={[
          { key: 'threshold', label: '合格线', children: `${s.passThreshold}分` },
          { key: 'scored', label: '已验收得分', children: s.scored },
          { key: 'average', label: '平均分', children: s.average ?? '—' },
          { key: 'failed', label: '低于合格线', children: s.failedBelow },
          { key: 'vetoed', label: '一票否决', children: s.vetoed },
        ]}
      />
      <div>
        <Typography.Text strong>得分分布</Typography.Text>
        <div>
          {s.distribution.map((d) => (
            <Tag key={d.band} style={{ marginTop: 4 }}>
              {d.label}：{d.branches}
            </Tag>
          ))}
        </div>
      </div>
      {s.byVeto.length > 0 && (
        <div>
          <Typography.Text strong>一票否决情形</Typography.Text>
          <ul className="plain-list">
            {s.byVeto.map((v) => (
              <li key={v.code}>
                {v.text}：{v.branches}个党支部
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.vetoes.length > 0 && (
        <Table
          size="small"
          rowKey="branchId"
          dataSource={s.vetoes}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="有一票否决情形的党支部"
          columns={[
            { title: '党支部', dataIndex: 'branchName', render: (v: string, r) => <Link to={branchPath(campaignId, r.branchId)}>{v}</Link> },
            { title: '党(工)委', dataIndex: 'committeeName' },
            { title: '得分', dataIndex: 'score', align: 'right' },
            { title: '否决情形', dataIndex: 'items', render: (items: Array<{ code: string; text: string }>) => <div className="wujin-cell wide">{items.map((i) => i.text).join('；')}</div> },
          ]}
        />
      )}
      <Table
        size="small"
        rowKey="committeeId"
        dataSource={s.committees}
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="各党(工)委得分"
        columns={[
          { title: '党(工)委', dataIndex: 'committeeName' },
          { title: '已验收', dataIndex: 'scored', align: 'right' },
          { title: '平均分', dataIndex: 'average', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: '低于合格线', dataIndex: 'failedBelow', align: 'right' },
          { title: '一票否决', dataIndex: 'vetoed', align: 'right' },
        ]}
      />
    </Space>
  );
}

function Rectifications({ r, campaignId }: { r: WujinDashboard['rectifications']; campaignId: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'open', label: '整顿中', children: r.open },
          { key: 'overdue', label: '已逾期', children: r.overdue ? <Typography.Text type="danger">{r.overdue}</Typography.Text> : 0 },
          { key: 'late', label: '逾期报送', children: r.lateSubmissions },
          { key: 'accepted', label: '整顿通过', children: r.accepted },
          { key: 'dissolved', label: '撤销', children: r.dissolved },
          { key: 'merged', label: '撤并', children: r.merged },
        ]}
      />
      <Typography.Text strong>逾期未了结的整顿</Typography.Text>
      {r.overdueItems.length ? (
        <Table
          size="small"
          rowKey="id"
          dataSource={r.overdueItems}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="逾期未了结的整顿"
          columns={[
            { title: '党支部', dataIndex: 'branchName', render: (v: string, x) => <Link to={branchPath(campaignId, x.branchId)}>{v}</Link> },
            { title: '党(工)委', dataIndex: 'committeeName' },
            { title: '整顿期限', dataIndex: 'dueAt', render: (v: string) => formatDateTime(v) },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string) => <Tag color="red">{v}</Tag> },
          ]}
        />
      ) : (
        <Empty description="没有逾期的整顿" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Space>
  );
}

function Brands({ b }: { b: WujinDashboard['brands'] }) {
  const cols = [
    { title: '党支部', dataIndex: 'branches', align: 'right' as const },
    { title: '已认定', dataIndex: 'accepted', align: 'right' as const },
    { title: '待认定', dataIndex: 'filed', align: 'right' as const },
    { title: '被退回', dataIndex: 'returned', align: 'right' as const },
    { title: '尚未报送', dataIndex: 'missing', align: 'right' as const },
  ];
  return (
    <Table
      size="small"
      rowKey="committeeId"
      dataSource={b.committees}
      pagination={false}
      scroll={{ x: 'max-content' }}
      aria-label="各党(工)委党建工作品牌"
      columns={[{ title: '党(工)委', dataIndex: 'committeeName' }, ...cols]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          {(['branches', 'accepted', 'filed', 'returned', 'missing'] as const).map((k, i) => (
            <Table.Summary.Cell key={k} index={i + 1} align="right">
              {b[k]}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}

function Obligations({ rows }: { rows: WujinDashboard['obligations'] }) {
  return <ObligationTable rows={rows} withRate />;
}

/** Wujin's six dashboard sections, each drawn for what it is (the generic view lists any other process's). */
export function WujinSections({ d, campaignId, labels }: { d: WujinDashboard; campaignId: string; labels: Record<string, string> }) {
  return (
    <>
      <Card size="small" title={labels.phases}>
        <div className="wujin-phases">
          {d.phases.map((p) => (
            <PhaseCard key={p.phase} p={p} />
          ))}
        </div>
      </Card>
      <Card size="small" title={labels.compliance}>
        <Compliance c={d.compliance} />
      </Card>
      <Card size="small" title={labels.scores}>
        <Scores s={d.scores} campaignId={campaignId} />
      </Card>
      <Card size="small" title={labels.rectifications}>
        <Rectifications r={d.rectifications} campaignId={campaignId} />
      </Card>
      <Card size="small" title={labels.brands}>
        <Brands b={d.brands} />
      </Card>
      <Card size="small" title={labels.obligations}>
        <Obligations rows={d.obligations} />
      </Card>
    </>
  );
}

export const isWujin = (d: unknown): d is WujinDashboard => typeof d === 'object' && d !== null && Array.isArray((d as { phases?: unknown }).phases);
