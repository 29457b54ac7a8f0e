import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { Suspense, lazy } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { downloadFile } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryState } from '../../components/QueryState';
import { StageTimeline } from '../../components/StageTimeline';
import { type Dashboard, type Process, campaignStatus, useProcesses } from '../campaigns/campaignApi';
import { CapMeter } from './CapMeter';
import { LateWork } from './LateWork';
import { SectionView, isTally } from './SectionView';
import { UnitWork } from './UnitWork';
import { valueLabel } from './sectionLabels';
import { WujinSections, isWujin } from '../wujin/WujinSections';
import { ZiboSections, isZibo } from '../zibo/ZiboSections';
import { LiangshanSections } from '../liangshan/LiangshanSections';
import { isLiangshan } from '../liangshan/types';
import type { Tally } from './DashboardCharts';

const DashboardCharts = lazy(() => import('./DashboardCharts'));

const STAGE_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '未开始', color: 'default' },
  open: { label: '进行中', color: 'processing' },
  completed: { label: '已完成', color: 'success' },
  overdue: { label: '已逾期', color: 'error' },
  cancelled: { label: '已撤销', color: 'default' },
};

interface TrailStep {
  id: string;
  name: string;
}

type FilePath = Parameters<typeof downloadFile>[0];

/** The campaign's documents (GET /processes documents), each as .xlsx and printable .pdf, for the unit shown; documents of one nomination are on its own screen. */
function Downloads({ process, campaignId, organisationId }: { process: Process; campaignId: string; organisationId?: string }) {
  // A document of one subject (a branch's score sheet) is on that subject's own screen.
  const docs = process.documents.filter((d) => d.path.startsWith('/campaigns/{campaignId}/') && !d.path.slice('/campaigns/{campaignId}/'.length).includes('{'));
  if (!docs.length) return null;
  const get = (d: Process['documents'][number], format: 'xlsx' | 'pdf') =>
    downloadFile(d.path.replace('{campaignId}', '{id}').replace(/\.xlsx$/, `.${format}`) as FilePath, { path: { id: campaignId }, query: organisationId ? { organisationId } : {} } as never, `${d.title}.${format}`);
  return (
    <Flex wrap gap="small">
      {docs.map((d) => (
        <Space.Compact key={d.id} className="download-pair">
          <DownloadButton label={d.title} download={() => get(d, 'xlsx')} />
          {/* Every campaign document has its printable .pdf beside the .xlsx, at the same path. */}
          <DownloadButton printable label="PDF" name={`打印（PDF）：${d.title}`} download={() => get(d, 'pdf')} />
        </Space.Compact>
      ))}
    </Flex>
  );
}

/** Tallies in the process's sections (candidates by status, branches by grade…), named, for the charts. */
function talliesOf(process: Process, sections: Record<string, unknown>): Tally[] {
  const out: Tally[] = [];
  for (const s of process.dashboardSections) {
    const value = sections[s.id];
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [field, v] of Object.entries(value)) {
      if (!isTally(v)) continue;
      out.push({ title: s.label, bars: Object.entries(v).map(([k, n]) => [valueLabel(field, k, process.subjectStatuses), n]) });
    }
  }
  return out;
}

/** The grade tally with its cap, wherever a section carries one (Tai'an's ledger, Hefei's grades). */
function capOf(sections: Record<string, unknown>, parameters: Record<string, unknown>) {
  for (const value of Object.values(sections)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const v = value as Record<string, unknown>;
    if (!isTally(v.byGrade)) continue;
    const byGrade = v.byGrade;
    const top = 'advanced' in byGrade ? 'advanced' : 'A' in byGrade ? 'A' : null;
    const cap = (v.aCapShare ?? parameters.advancedCap ?? parameters.aGradeCap) as number | undefined;
    if (!top || typeof cap !== 'number') continue;
    const total = typeof v.branches === 'number' ? v.branches : Object.values(byGrade).reduce((a, b) => a + b, 0);
    return { byGrade, cap, total, topGrade: top, topLabel: top === 'advanced' ? '先进党支部' : 'A级党支部' };
  }
  return null;
}

/** 评选活动看板: a campaign over the user's subtree (or a unit of it), rendered from what the dashboard returns. */
export default function DashboardPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const unit = search.get('unit') ?? undefined;
  const location = useLocation();
  const navigate = useNavigate();
  const trail: TrailStep[] = (location.state as { trail?: TrailStep[] } | null)?.trail ?? [];
  const dashboard = useQuery({
    queryKey: ['dashboard', id, unit ?? null],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/dashboard', { params: { path: { id }, query: unit ? { organisationId: unit } : {} } })),
  });
  const campaign = useQuery({ queryKey: ['campaign', id], queryFn: () => unwrap(api.GET('/campaigns/{id}', { params: { path: { id } } })) });
  const processes = useProcesses();
  const d = dashboard.data as Dashboard | undefined;
  const process = processes.data?.find((p) => p.id === d?.campaign.process);
  const sections = (d ?? {}) as unknown as Record<string, unknown>;
  const open = (to: TrailStep[]) => {
    const last = to.at(-1);
    void navigate(last ? `/campaigns/${id}?unit=${last.id}` : `/campaigns/${id}`, { state: { trail: to } });
  };
  const cap = d && campaign.data ? capOf(sections, campaign.data.parameters as Record<string, unknown>) : null;

  return (
    <section aria-labelledby="dashboard-title">
      <Breadcrumb
        items={[
          { title: <Link to="/campaigns">评选看板</Link> },
          { title: trail.length ? <a onClick={() => open([])}>本人范围</a> : '本人范围' },
          ...trail.map((t, i) => ({ title: i < trail.length - 1 ? <a onClick={() => open(trail.slice(0, i + 1))}>{t.name}</a> : t.name })),
        ]}
      />
      <QueryState query={dashboard}>
        {d && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap align="center">
              <Typography.Title level={3} id="dashboard-title" style={{ margin: 0 }}>
                {d.campaign.title}
              </Typography.Title>
              <Tag color={campaignStatus(d.campaign.status).color}>{campaignStatus(d.campaign.status).label}</Tag>
            </Space>
            <Space wrap>
              <Typography.Text>
                范围：<Typography.Text strong data-testid="dashboard-scope">{d.scope.name}</Typography.Text>
              </Typography.Text>
              <Button icon={<ReloadOutlined />} loading={dashboard.isFetching} onClick={() => void dashboard.refetch()}>
                刷新
              </Button>
            </Space>
            {process && <Downloads process={process} campaignId={id} organisationId={unit} />}
            {/* Liangshan: who is behind this month comes first, in one screen. */}
            {isLiangshan(d) && <LiangshanSections d={d} campaignId={id} />}

            <Card size="small" title="各阶段期限与办理情况">
              <StageTimeline
                stages={d.stages.map((s) => ({
                  ...s,
                  extra: (
                    <Space size={4} wrap>
                      <Tag color={STAGE_STATUS[s.status]?.color}>{STAGE_STATUS[s.status]?.label ?? s.status}</Tag>
                      <span data-testid={`stage-${s.stage}-counts`}>
                        待办 {s.open} · 办结 {s.completed} · 逾期 {s.overdue}
                      </span>
                    </Space>
                  ),
                }))}
              />
            </Card>

            <Card size="small" title="各单位待办（点击单位查看其下级）">
              <UnitWork units={d.units} onOpen={(u) => open([...trail, { id: u.organisationId, name: u.organisationName }])} />
            </Card>

            <div className="dashboard-grid two">
              <Card size="small" title="逾期待办">
                <LateWork groups={d.overdue} holders={d.overdueHolders} empty="没有逾期的待办" tone="red" />
              </Card>
              <Card size="small" title="72小时内到期">
                <LateWork groups={d.dueSoon} holders={d.dueSoonHolders} empty="没有即将到期的待办" tone="orange" />
              </Card>
            </div>

            {cap && (
              <Card size="small" title="先进比例上限">
                <CapMeter {...cap} />
              </Card>
            )}

            {process && (
              <Suspense fallback={<Skeleton active />}>
                <DashboardCharts tallies={isLiangshan(d) ? [] : talliesOf(process, sections)} progress={d.progress} />
              </Suspense>
            )}

            {process && isWujin(d) && <WujinSections d={d} campaignId={id} labels={Object.fromEntries(process.dashboardSections.map((s) => [s.id, s.label]))} />}
            {process && isZibo(d) && <ZiboSections d={d} campaignId={id} labels={Object.fromEntries(process.dashboardSections.map((s) => [s.id, s.label]))} />}
            {!isWujin(d) && !isZibo(d) && !isLiangshan(d) && process?.dashboardSections.map((s) => (
              <Card key={s.id} size="small" title={s.label}>
                <SectionView value={sections[s.id]} statuses={process.subjectStatuses} />
              </Card>
            ))}
          </Space>
        )}
      </QueryState>
    </section>
  );
}
