import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { downloadFile } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { QueryState } from '../../components/QueryState';
import { GRADE_COLORS, GRADE_LABELS, type Grade } from '../../labels';
import { useUser } from '../../session/SessionContext';

const PAGE = 20;

/** 台账（附件1）: every branch under a committee with its grade, goals, problems and measures; the 10% cap. */
export function LedgerPage() {
  const user = useUser();
  const [search, setSearch] = useSearchParams();
  const organisationId = search.get('organisationId') ?? user.roles[0]?.organisationId;
  const page = Number(search.get('page') ?? '1');
  const set = (changes: Record<string, string>) => setSearch((s) => ({ ...Object.fromEntries(s), ...changes }), { replace: true });
  const ledger = useQuery({
    queryKey: ['ledger', organisationId, page],
    queryFn: () => unwrap(api.GET('/ledger', { params: { query: { organisationId, limit: PAGE, offset: (page - 1) * PAGE } } })),
    placeholderData: (previous) => previous,
  });
  const summary = ledger.data?.summary;
  const overCap = summary ? summary.byGrade.advanced > summary.advancedCap : false;
  return (
    <section aria-labelledby="ledger-title">
      <Typography.Title level={3} id="ledger-title">
        过硬党支部建设工作台账
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <label htmlFor="ledger-organisation">组织</label>
          <OrganisationPicker id="ledger-organisation" value={organisationId} onChange={(id) => set({ organisationId: id, page: '1' })} />
        </Space>
        <QueryState query={ledger}>
          {summary && (
            <Row gutter={[12, 12]}>
              <Col xs={12} md={4}>
                <Card size="small"><Statistic title="党支部" value={summary.branches} /></Card>
              </Col>
              <Col xs={12} md={4}>
                <Card size="small"><Statistic title="已建台账" value={summary.recorded} /></Card>
              </Col>
              <Col xs={12} md={4}>
                <Card size="small">
                  <Statistic title={`先进（上限 ${summary.advancedCap}）`} value={summary.byGrade.advanced} styles={{ content: overCap ? { color: '#cf1322' } : undefined }} />
                </Card>
              </Col>
              <Col xs={12} md={4}>
                <Card size="small"><Statistic title={GRADE_LABELS.average} value={summary.byGrade.average} /></Card>
              </Col>
              <Col xs={12} md={4}>
                <Card size="small"><Statistic title="后进" value={summary.byGrade.lagging} /></Card>
              </Col>
              <Col xs={12} md={4}>
                <Card size="small"><Statistic title="软弱涣散" value={summary.byGrade.weak_and_lax} /></Card>
              </Col>
            </Row>
          )}
          {overCap && <Alert type="warning" showIcon title="先进党支部超过所辖党支部的10%，请调整" />}
          <Table
            rowKey="branchId"
            dataSource={ledger.data?.items}
            loading={ledger.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{ current: page, pageSize: PAGE, total: ledger.data?.total, onChange: (p) => set({ page: String(p) }), showSizeChanger: false, showTotal: (t) => `共 ${t} 个党支部` }}
            columns={[
              { title: '党支部', dataIndex: 'branchName', render: (name: string, row) => <Link to={`/ledger/${row.branchId}`}>{name}</Link> },
              { title: '所属党委', dataIndex: 'committeeName', responsive: ['md'] },
              { title: '领域', dataIndex: 'domainLabel', responsive: ['lg'] },
              { title: '等次', dataIndex: 'grade', render: (g: Grade | null, row) => (g ? <Tag color={GRADE_COLORS[g]}>{row.gradeLabel}</Tag> : <Tag>未建台账</Tag>) },
              { title: '年度考评', dataIndex: 'evaluation', responsive: ['md'] },
              { title: '目标', dataIndex: 'goals', responsive: ['lg'], render: (goals: Array<{ year: number; gradeLabel: string }>) => goals.map((g) => `${g.year}年${g.gradeLabel}`).join('，') },
            ]}
          />
        </QueryState>
        <LedgerDownload organisationId={organisationId} />
      </Space>
    </section>
  );
}

/** 附件1 as a spreadsheet: the ledger's years are a campaign's, so the user picks the campaign. */
function LedgerDownload({ organisationId }: { organisationId?: string }) {
  const campaigns = useQuery({ queryKey: ['campaigns', 'list'], queryFn: () => unwrap(api.GET('/campaigns')) });
  // 附件1 belongs to Tai'an's red-flag selection.
  const redFlag = (campaigns.data ?? []).filter((c) => c.process === 'taian');
  if (!redFlag.length) return null;
  return <LedgerDownloadFor campaigns={redFlag} organisationId={organisationId} />;
}

function LedgerDownloadFor({ campaigns, organisationId }: { campaigns: Array<{ id: string; title: string; year: number }>; organisationId?: string }) {
  const [search, setSearch] = useSearchParams();
  const chosen = search.get('campaignId') ?? campaigns[0].id;
  return (
    <Space wrap>
      <label htmlFor="ledger-campaign">按评选活动下载附件1</label>
      <Select
        id="ledger-campaign"
        aria-label="评选活动"
        style={{ minWidth: 220 }}
        value={chosen}
        onChange={(id) => setSearch((s) => ({ ...Object.fromEntries(s), campaignId: id }), { replace: true })}
        options={campaigns.map((c) => ({ value: c.id, label: c.title }))}
      />
      <DownloadButton label="下载台账（附件1）" download={() => downloadFile('/campaigns/{id}/ledger.xlsx', { path: { id: chosen }, query: { organisationId } }, '过硬党支部建设工作台账.xlsx')} />
      <DownloadButton printable label="打印（PDF）" download={() => downloadFile('/campaigns/{id}/ledger.pdf', { path: { id: chosen }, query: { organisationId } }, '过硬党支部建设工作台账.pdf')} />
    </Space>
  );
}
