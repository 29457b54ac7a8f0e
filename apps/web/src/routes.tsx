import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { ErrorScreen, NotFound } from './pages/ErrorScreens';
import { InboxPage } from './pages/work/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { StartScreen } from './layout/StartScreen';

/**
 * A screen loaded when first opened, so the first screen stays small (charts and forms
 * of other roles are not part of it). A failed download shows the error screen with a refresh.
 */
const screen = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/** Screens anyone may open, without signing in (the public notice). */
const publicRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/notices/:id', ...screen(() => import('./pages/notices/PublicNoticePage').then((m) => ({ default: m.PublicNoticePage }))) },
];

/** Screens inside the signed-in frame. */
const signedInRoutes: RouteObject[] = [
  { index: true, element: <StartScreen /> },
  { path: 'tasks', element: <InboxPage /> },
  { path: 'copies', ...screen(() => import('./pages/work/CopiedPage').then((m) => ({ default: m.CopiedPage }))) },
  { path: 'tasks/:id', ...screen(() => import('./pages/work/TaskPage').then((m) => ({ default: m.TaskPage }))) },
  { path: 'nominations', ...screen(() => import('./pages/nominations/NominationListPage').then((m) => ({ default: m.NominationListPage }))) },
  { path: 'nominations/new', ...screen(() => import('./pages/nominations/NewNominationPage').then((m) => ({ default: m.NewNominationPage }))) },
  { path: 'nominations/:id', ...screen(() => import('./pages/nominations/NominationProgressPage').then((m) => ({ default: m.NominationProgressPage }))) },
  { path: 'nominations/:id/resubmit', ...screen(() => import('./pages/nominations/ResubmitNominationPage').then((m) => ({ default: m.ResubmitNominationPage }))) },
  { path: 'ledger', ...screen(() => import('./pages/ledger/LedgerPage').then((m) => ({ default: m.LedgerPage }))) },
  { path: 'ledger/:branchId', ...screen(() => import('./pages/ledger/LedgerEntryPage').then((m) => ({ default: m.LedgerEntryPage }))) },
  { path: 'calendar', ...screen(() => import('./pages/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage }))) },
  { path: 'audit', ...screen(() => import('./pages/audit/AuditPage').then((m) => ({ default: m.AuditPage }))) },
  { path: 'campaigns', ...screen(() => import('./pages/campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage }))) },
  { path: 'campaigns/:id', ...screen(() => import('./pages/dashboard/DashboardPage')) },
  { path: 'campaigns/:campaignId/wujin/branches/:branchId', ...screen(() => import('./pages/wujin/BranchPage')) },
  { path: 'campaigns/:campaignId/zibo/branches/:branchId', ...screen(() => import('./pages/zibo/BranchPage')) },
  { path: 'campaigns/:campaignId/liangshan/branches/:branchId', ...screen(() => import('./pages/liangshan/BranchPage')) },
  { path: 'liangshan/lists', ...screen(() => import('./pages/liangshan/ListPage')) },
  { path: 'setup', ...screen(() => import('./pages/setup/SetupPage')) },
  { path: 'notifications/settings', ...screen(() => import('./pages/notifications/NotificationSettingsPage')) },
  { path: 'notifications/deliveries', ...screen(() => import('./pages/notifications/NotificationDeliveriesPage')) },
  { path: 'rubrics', ...screen(() => import('./pages/rubrics/RubricListPage').then((m) => ({ default: m.RubricListPage }))) },
  { path: 'rubrics/:code', ...screen(() => import('./pages/rubrics/RubricPage').then((m) => ({ default: m.RubricPage }))) },
];

export const routes: RouteObject[] = [
  ...publicRoutes.map((r) => ({ ...r, errorElement: <ErrorScreen /> })),
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <ErrorScreen />,
    children: [...signedInRoutes, { path: '*', element: <NotFound /> }],
  },
];
