import { Alert, Card, Descriptions, List, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useUser } from '../../session/SessionContext';
import { RubricAreasTable } from './RubricAreasTable';
import { type RubricDetail, mayAddVetoItems } from './types';
import { VetoItemForm } from './VetoItemForm';

/** 考核细则: one version of a rubric, its points checked area by area, its veto items, and adding one. */
export function RubricPage() {
  const { code = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const version = search.get('version') ? Number(search.get('version')) : undefined;
  const queryClient = useQueryClient();
  const rubric = useQuery({
    queryKey: ['rubrics', code, version ?? 'latest'],
    queryFn: () => unwrap(api.GET('/rubrics/{code}', { params: { path: { code }, query: { version } } })),
  });
  const added = (next: RubricDetail) => {
    queryClient.setQueryData(['rubrics', code, 'latest'], next);
    void queryClient.invalidateQueries({ queryKey: ['rubrics'] });
    setSearch({});
  };
  return (
    <section aria-labelledby="rubric-title">
      <Typography.Title level={3} id="rubric-title">
        考核细则
      </Typography.Title>
      <Link to="/rubrics">全部考核细则</Link>
      <QueryState query={rubric}>{rubric.data && <RubricView rubric={rubric.data} onVersion={(v) => setSearch(v === rubric.data?.latestVersion ? {} : { version: String(v) })} onAdded={added} />}</QueryState>
    </section>
  );
}

function RubricView({ rubric, onVersion, onAdded }: { rubric: RubricDetail; onVersion: (v: number) => void; onAdded: (next: RubricDetail) => void }) {
  const user = useUser();
  const latest = rubric.version === rubric.latestVersion;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {rubric.name}
      </Typography.Title>
      <Space wrap>
        <label htmlFor="rubric-version">版本</label>
        <Select
          id="rubric-version"
          aria-label="版本"
          value={rubric.version}
          onChange={onVersion}
          options={rubric.versions.map((v) => ({ value: v, label: v === rubric.latestVersion ? `第${v}版（最新）` : `第${v}版` }))}
          style={{ width: 150 }}
        />
        {!latest && <Tag color="default">历史版本</Tag>}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 4 }}
        items={[
          { key: 'version', label: '当前版本', children: `第${rubric.version}版` },
          { key: 'threshold', label: '合格分数线', children: `${rubric.passThreshold}分` },
          { key: 'points', label: '总分', children: rubric.declaredTotal === rubric.itemsTotal ? `${rubric.itemsTotal}分` : `声明${rubric.declaredTotal}分，条目合计${rubric.itemsTotal}分` },
          { key: 'at', label: '本版写入', children: formatDateTime(rubric.createdAt) },
        ]}
      />
      {rubric.discrepancies.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="细则分值与所列条目不一致"
          description={
            <ul className="error-details">
              {rubric.discrepancies.map((d) => (
                <li key={d.area}>{d.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title="考核条目">
        <RubricAreasTable rubric={rubric} />
      </Card>
      <Card size="small" title="一票否决情形">
        <List
          size="small"
          dataSource={rubric.vetoItems}
          aria-label="一票否决情形"
          renderItem={(v) => (
            <List.Item>
              <Space wrap>
                <span>{v.text}</span>
                <Typography.Text type="secondary">{v.code}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {rubric.requiresCleanNotice && <Typography.Paragraph type="secondary">此外，公示期间有异议经核实成立的，不能评为合格。</Typography.Paragraph>}
      </Card>
      {mayAddVetoItems(user) && (
        <Card size="small" title="添加一票否决情形">
          <VetoItemForm rubric={rubric} onAdded={onAdded} />
        </Card>
      )}
    </Space>
  );
}
