import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useUser } from '../../session/SessionContext';
import { isDepartmentAdministrator } from '../../session/session';
import type { LiangshanList } from './types';
import { type ListItem, useListDraft } from './useListDraft';

/** 责任清单: the year's list — the seed's 25 items unless an administrator keeps one — with each item's leader, people and deadline; an administrator edits it. */
export default function LiangshanListPage() {
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const q = useQuery({ queryKey: ['liangshan', 'list', year], queryFn: () => unwrap(api.GET('/liangshan/lists/{year}', { params: { path: { year } } })) });
  const list = q.data;
  return (
    <section aria-labelledby="liangshan-list-title">
      <Typography.Title level={3} id="liangshan-list-title">
        “五好党支部”创建责任清单
      </Typography.Title>
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label="年度" htmlFor="liangshan-year">
          <InputNumber id="liangshan-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Form.Item>
      </Form>
      <QueryState query={q}>{list && <ListCard key={`${list.year}:${list.version}`} list={list} />}</QueryState>
    </section>
  );
}

function ListCard({ list }: { list: LiangshanList }) {
  const user = useUser();
  const queryClient = useQueryClient();
  const draft = useListDraft(list, (next) => queryClient.setQueryData(['liangshan', 'list', next.year], next));
  const mayEdit = isDepartmentAdministrator(user);
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{list.year}年</span>
          <Tag color={list.source === 'seed' ? 'default' : 'blue'}>{list.source === 'seed' ? '文件附件的清单' : `管理员维护（第${list.version}版）`}</Tag>
          {list.updatedAt && (
            <Typography.Text type="secondary">
              {list.updatedBy}，{formatDateTime(list.updatedAt)}
            </Typography.Text>
          )}
          {draft.editing && <Tag color="orange">修改中，尚未保存</Tag>}
        </Space>
      }
    >
      {mayEdit && <div style={{ marginBottom: 12 }}>{draft.controls}</div>}
      <Table<ListItem>
        size="small"
        rowKey={(i) => `${i.code}:${draft.items.indexOf(i)}`}
        dataSource={draft.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="责任清单"
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '重点工作', dataIndex: 'title', render: (v: string) => <div className="liangshan-cell">{v}</div> },
          { title: '责任领导', dataIndex: 'leaderLabel' },
          { title: '责任人', dataIndex: 'responsible' },
          {
            title: '完成时限',
            dataIndex: 'deadlineText',
            render: (v: string, i) => (
              <div className="liangshan-cell">
                {v}（{i.deadlineKindLabel}）
                {i.quota && (
                  <Tag color="blue">
                    按次登记，每期不少于{i.quota.min}
                    {i.quota.unit === 'hours' ? '学时' : '次'}
                    {i.countsAs === 'study_session' ? '，计入集中学习' : ''}
                  </Tag>
                )}
              </div>
            ),
          },
          ...(draft.editing ? [{ title: '操作', key: 'actions', fixed: 'right' as const, render: (_: unknown, _i: ListItem, index: number) => draft.rowActions(index) }] : []),
        ]}
      />
      {draft.dialogs}
    </Card>
  );
}
