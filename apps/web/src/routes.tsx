import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { ErrorScreen, NotFound } from './pages/ErrorScreens';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { CampaignsPage } from './pages/campaigns/CampaignsPage';

/** Screens anyone may open, without signing in (the public notice). */
const publicRoutes: RouteObject[] = [{ path: '/login', element: <LoginPage /> }];

/** Screens inside the signed-in frame. */
const signedInRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/tasks" replace /> },
  { path: 'tasks', element: <InboxPage /> },
  { path: 'campaigns', element: <CampaignsPage /> },
  // Heavy screens (charts, JSON Schema forms) load with their own chunks.
  { path: 'campaigns/:id', lazy: async () => ({ Component: (await import('./pages/dashboard/DashboardPage')).default }) },
  { path: 'setup', lazy: async () => ({ Component: (await import('./pages/setup/SetupPage')).default }) },
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
