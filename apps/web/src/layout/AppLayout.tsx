import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { describeGrant } from '../labels';
import { NAV, visibleNav } from '../nav';
import { useSession, useUser } from '../session/SessionContext';
import { NotificationBell } from './NotificationBell';

/** Open tasks of the user, for the count beside 我的待办 (the inbox's total, one row fetched; "1000+" past what the inbox counts). */
export function useOpenTaskCount() {
  return useQuery({
    queryKey: ['tasks', 'count'],
    queryFn: () => unwrap(api.GET('/tasks', { params: { query: { limit: 1 } } })).then((r) => (r.totalCapped ? `${r.total}+` : r.total)),
    refetchInterval: 60_000,
  });
}

/** The frame of every signed-in screen: who is signed in, the navigation (a drawer on a phone), sign-out. */
export function AppLayout() {
  const user = useUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const desk = screens.md ?? true;
  const [drawer, setDrawer] = useState(false);
  const count = useOpenTaskCount();
  const items = visibleNav(user).map((n) => ({
    key: n.path,
    icon: n.icon,
    // Beside the label, not on its corner: a count as wide as "1000+" would cover the label's last character.
    label:
      n.path === NAV[0].path ? (
        <Space size={6}>
          {n.label}
          <Badge count={count.data ?? 0} size="small" overflowCount={9999} />
        </Space>
      ) : (
        n.label
      ),
  }));
  // A page opened from a list of another section (a task from 抄送我的) keeps that section highlighted.
  const section = (location.state as { section?: string } | null)?.section;
  const selected = section ? [section] : items.filter((i) => location.pathname === i.key || location.pathname.startsWith(`${i.key}/`)).map((i) => i.key);
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected.slice(-1)}
      onClick={({ key }) => {
        setDrawer(false);
        void navigate(key);
      }}
      aria-label="主导航"
    />
  );
  const grants = user.roles.map(describeGrant).join('；');
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Space size="middle" className="app-header-left">
          {!desk && <Button type="text" icon={<MenuOutlined />} aria-label="打开导航" onClick={() => setDrawer(true)} className="header-button" />}
          <Typography.Text strong className="app-title">
            先锋党建
          </Typography.Text>
        </Space>
        <div className="app-user">
          <span className="app-user-text" data-testid="current-user">
            <Typography.Text strong>{user.displayName}</Typography.Text>
            {desk && <Typography.Text type="secondary"> · {grants}</Typography.Text>}
          </span>
          <NotificationBell desk={desk} />
          <Button icon={<LogoutOutlined />} onClick={signOut} className="header-button">
            退出
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        {desk ? (
          <Layout.Sider width={200} theme="light" className="app-sider">
            {menu}
          </Layout.Sider>
        ) : (
          <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={<span>{user.displayName}<br /><Typography.Text type="secondary">{grants}</Typography.Text></span>}>
            {menu}
          </Drawer>
        )}
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
