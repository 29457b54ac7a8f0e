import { Alert, Button, Card, List, Result, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { ObjectionForm } from './ObjectionForm';
import type { ObjectionLodged, PublicNotice } from './types';

const STATUS: Record<PublicNotice['status'], { label: string; color: string }> = {
  open: { label: '公示中', color: 'processing' },
  closing: { label: '公示期已满，正在结束', color: 'warning' },
  closed: { label: '公示已结束', color: 'default' },
};
const UNIT: Record<PublicNotice['durationUnit'], string> = { calendar_days: '个自然日', working_days: '个工作日' };

/** A public notice, open to everyone without signing in: the list, its period, and an objection form. */
export function PublicNoticePage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const notice = useQuery({ queryKey: ['public-notice', id], queryFn: () => unwrap(api.GET('/public/notices/{id}', { params: { path: { id } } })) });
  const [lodged, setLodged] = useState<{ receipt: ObjectionLodged; itemName: string; anonymous: boolean } | null>(null);
  const n = notice.data;
  return (
    <div className="public-page">
      <header className="public-header">
        <Typography.Text strong className="app-title">
          先锋党建 · 公示
        </Typography.Text>
      </header>
      <main className="public-content">
        <QueryState query={notice}>
          {n && lodged && (
            <Result
              status="success"
              title="异议已受理"
              subTitle={`受理编号：${lodged.receipt.objectionId}`}
              extra={
                <Button
                  type="primary"
                  onClick={() => {
                    setLodged(null);
                    void queryClient.invalidateQueries({ queryKey: ['public-notice', id] });
                  }}
                >
                  返回公示
                </Button>
              }
            >
              <Typography.Paragraph>您对“{lodged.itemName}”提出的异议已转发布公示的党委核查。接下来：</Typography.Paragraph>
              <ol className="next-steps">
                <li>发布公示的党委对反映的问题进行核查。</li>
                <li>异议成立的，该对象移出公示名单；不成立的，按程序继续。核查结果计入本公示的异议统计，可在本页查看。</li>
                <li>{lodged.anonymous ? '您选择了匿名反映，核查结果请在本页的异议统计中查看。' : '核查中需要了解情况的，核查人员可能通过您留下的联系方式与您联系。'}</li>
              </ol>
            </Result>
          )}
          {n && !lodged && (
            <>
              <Typography.Title level={3}>{n.title}</Typography.Title>
              <div className="notice-meta">
                <Tag color={STATUS[n.status].color}>{STATUS[n.status].label}</Tag>
                <Typography.Text>
                  公示期：{formatDate(n.publishedAt)}至{formatDate(`${n.lastDay}T12:00:00+08:00`)}（{n.durationAmount}
                  {UNIT[n.durationUnit]}）
                </Typography.Text>
              </div>
              <Card title="公示名单" size="small" className="nomination-gap">
                <div role="group" aria-label="公示名单">
                  <List
                    dataSource={n.items}
                    renderItem={(i, index) => (
                      <List.Item>
                        <span>
                          {index + 1}. {i.name} {i.status === 'removed' && <Tag color="red">已移出名单</Tag>}
                        </span>
                      </List.Item>
                    )}
                  />
                </div>
                <Typography.Text type="secondary">
                  已收到异议 {n.objections.lodged} 件：核查中 {n.objections.investigating} 件，成立 {n.objections.upheld} 件，不成立 {n.objections.dismissed} 件
                </Typography.Text>
              </Card>
              <Card title="提出异议" size="small" className="nomination-gap">
                {n.acceptingObjections ? (
                  <>
                    <Typography.Paragraph type="secondary">对公示对象有异议的，可在公示期内实名或匿名反映。提倡实名反映，并提供具体事实。</Typography.Paragraph>
                    <ObjectionForm
                      notice={n}
                      onLodged={(receipt, v) => {
                        setLodged({ receipt, itemName: n.items.find((i) => i.id === v.itemId)?.name ?? '', anonymous: v.anonymous });
                        window.scrollTo(0, 0);
                      }}
                    />
                  </>
                ) : (
                  <Alert type="info" showIcon title="公示期已结束，不再受理异议" />
                )}
              </Card>
            </>
          )}
        </QueryState>
      </main>
    </div>
  );
}
