import { AuditOutlined, BarChartOutlined, CalendarOutlined, CopyOutlined, FileTextOutlined, InboxOutlined, OrderedListOutlined, SettingOutlined, TableOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { RoleGrant, SessionUser } from './session/session';

export interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** Roles that see the entry; absent: everyone signed in. */
  roles?: ReadonlyArray<RoleGrant['role']>;
}

/** The navigation, in order; the first entry is where everyone starts. */
export const NAV: NavEntry[] = [
  { path: '/tasks', label: '我的待办', icon: <InboxOutlined /> },
  { path: '/copies', label: '抄送我的', icon: <CopyOutlined /> },
  { path: '/nominations', label: '推荐申报', icon: <FileTextOutlined />, roles: ['submitter', 'reviewer', 'committee_member', 'department_head', 'administrator'] },
  { path: '/campaigns', label: '评选看板', icon: <BarChartOutlined />, roles: ['reviewer', 'committee_member', 'department_head', 'administrator'] },
  { path: '/setup', label: '活动设置', icon: <SettingOutlined />, roles: ['administrator'] },
  { path: '/ledger', label: '台账', icon: <TableOutlined />, roles: ['reviewer', 'department_head', 'administrator'] },
  { path: '/calendar', label: '工作日历', icon: <CalendarOutlined />, roles: ['administrator'] },
  { path: '/liangshan/lists', label: '责任清单', icon: <UnorderedListOutlined />, roles: ['department_head', 'administrator'] },
  { path: '/rubrics', label: '考核细则', icon: <OrderedListOutlined />, roles: ['department_head', 'administrator'] },
  { path: '/audit', label: '审计记录', icon: <AuditOutlined />, roles: ['department_head', 'administrator'] },
];

export function visibleNav(user: SessionUser): NavEntry[] {
  const roles = new Set(user.roles.map((r) => r.role));
  return NAV.filter((n) => !n.roles || n.roles.some((r) => roles.has(r)));
}
