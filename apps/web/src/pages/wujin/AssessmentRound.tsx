import { Alert, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import { formatDate, formatDateTime } from '../../format';
import { EvidenceFiles } from './EvidenceFiles';
import type { Assessment, AssessmentItem } from './types';

const ROUND_STATUS: Record<string, { label: string; color: string }> = {
  self_assessment: { label: '自评中', color: 'processing' },
  assessing: { label: '考核中', color: 'processing' },
  completed: { label: '已评分', color: 'green' },
};

const score = (v: number | null) => (v === null ? '—' : v);

/** 履职情况: how the standing obligation the item checks went (due / on time / late / missed). */
function Duty({ item }: { item: AssessmentItem }) {
  const o = item.obligation;
  if (!o) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span>
      {o.title}：应{o.due}次，按时{o.onTime}，补做{o.late}，
      <Typography.Text type={o.missed ? 'danger' : undefined}>缺{o.missed}</Typography.Text>
      {o.open ? `，未到期${o.open}` : ''}
    </span>
  );
}

/** The seed's score table: 考核项目/考核要求/考核标准/分值/自评分/考核分, with 履职情况 beside. */
function ScoreTable({ a }: { a: Assessment }) {
  return (
    <Table<AssessmentItem>
      size="small"
      rowKey="code"
      dataSource={a.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      aria-label={`第${a.round}轮考核评分表`}
      columns={[
        {
          title: '考核项目',
          dataIndex: 'areaName',
          onCell: (item, i = 0) => {
            const first = a.items.findIndex((x) => x.areaCode === item.areaCode);
            return { rowSpan: first === i ? a.items.filter((x) => x.areaCode === item.areaCode).length : 0 };
          },
        },
        { title: '条目', dataIndex: 'code' },
        { title: '考核要求', dataIndex: 'requirement', render: (v: string) => <div className="wujin-cell">{v}</div> },
        { title: '考核标准', dataIndex: 'standard', render: (v: string) => <div className="wujin-cell wide">{v}</div> },
        { title: '分值', dataIndex: 'points', align: 'right' },
        { title: '自评分', dataIndex: 'self', align: 'right', render: score },
        { title: '自评佐证', key: 'selfEvidence', render: (_: unknown, item) => <EvidenceFiles text={item.selfEvidence} files={item.selfEvidenceAttachments} /> },
        { title: '考核分', dataIndex: 'assessor', align: 'right', render: score },
        { title: '履职情况', key: 'duty', render: (_: unknown, item) => <Duty item={item} /> },
      ]}
    />
  );
}

/** Area subtotals: the declared points beside what the printed items add to (活动开展有序: 30 declared, 32 printed). */
function AreaTotals({ a }: { a: Assessment }) {
  return (
    <Table
      size="small"
      rowKey="code"
      dataSource={a.areas}
      pagination={false}
      scroll={{ x: 'max-content' }}
      aria-label={`第${a.round}轮各项目小计`}
      columns={[
        { title: '考核项目', dataIndex: 'name' },
        { title: '规定分值', dataIndex: 'declaredPoints', align: 'right' },
        {
          title: '条目合计',
          dataIndex: 'itemsPoints',
          align: 'right',
          render: (v: number, r) => (v !== r.declaredPoints ? <Tag color="orange">{v}（与规定分值不一致）</Tag> : v),
        },
        { title: '自评分', dataIndex: 'self', align: 'right', render: score },
        { title: '考核分', dataIndex: 'assessor', align: 'right', render: score },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {a.rubric.declaredTotal}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {a.rubric.total}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {score(a.selfTotal)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {score(a.assessorTotal)}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** 申报 and 验收: the items marked for an on-site check, and who checked each and when. */
function DeclarationAndVerdict({ a }: { a: Assessment }) {
  const d = a.declaration;
  const v = a.verdict;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={[
        {
          key: 'declaration',
          label: '党(工)委申报',
          children: d ? (
            <Space direction="vertical" size={4}>
              <span>
                {d.declaredBy ?? '—'}，{formatDateTime(d.declaredAt)}
              </span>
              {d.note && <span>申报说明：{d.note}</span>}
              <span>须实地查看：{d.onSiteItems.length ? d.onSiteItems.map((i) => `${i.code} ${i.standard}`).join('；') : '无'}</span>
            </Space>
          ) : (
            '尚未申报'
          ),
        },
        {
          key: 'verdict',
          label: '区委组织部验收',
          children: v ? (
            <Space direction="vertical" size={4}>
              <span>
                <Tag color={v.verdict === 'pass' ? 'green' : 'red'}>{v.label}</Tag>
                {v.verifiedBy ?? '—'}，{formatDateTime(v.verifiedAt)}
              </span>
              {v.opinion && <span>意见：{v.opinion}</span>}
              {v.onSiteChecks.length > 0 && (
                <List
                  size="small"
                  header="实地查看记录"
                  dataSource={v.onSiteChecks}
                  renderItem={(c) => (
                    <List.Item>
                      {c.itemCode}：{c.finding}（查看人 {c.checkedBy}，{formatDate(`${c.checkedOn}T12:00:00+08:00`)}）
                    </List.Item>
                  )}
                />
              )}
            </Space>
          ) : (
            '尚未验收'
          ),
        },
      ]}
    />
  );
}

/** One assessment round: status, score table, subtotals with the rubric's notes, vetoes, declaration and verdict. */
export function AssessmentRound({ a, passThreshold }: { a: Assessment; passThreshold: number }) {
  const status = a.status ? ROUND_STATUS[a.status] : null;
  return (
    <Card
      size="small"
      title={
        <Space wrap size={4}>
          <span>第{a.round}轮考核</span>
          {status && <Tag color={status.color}>{status.label}</Tag>}
        </Space>
      }
      extra={<Typography.Text type="secondary">{formatDate(a.openedAt)}开始</Typography.Text>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text>
          {a.rubric.name}（第{a.rubric.version}版），合格线 {passThreshold} 分。自评 {score(a.selfTotal)} 分，考核 {score(a.assessorTotal)} 分。
        </Typography.Text>
        {a.rubric.notes.map((n) => (
          <Alert key={n} type="warning" showIcon title={n} />
        ))}
        <ScoreTable a={a} />
        <AreaTotals a={a} />
        {a.vetoes.length > 0 && (
          <Alert
            type="error"
            showIcon
            title="一票否决情形"
            description={
              <ul className="plain-list">
                {a.vetoes.map((v) => (
                  <li key={v.code}>{v.text}</li>
                ))}
              </ul>
            }
          />
        )}
        {a.reasons.length > 0 && <Alert type="warning" showIcon title="未达标原因" description={a.reasons.join('；')} />}
        <DeclarationAndVerdict a={a} />
      </Space>
    </Card>
  );
}
