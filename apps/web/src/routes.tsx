import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { ErrorScreen, NotFound } from './pages/ErrorScreens';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { AuditPage } from './pages/audit/AuditPage';
import { CalendarPage } from './pages/calendar/CalendarPage';
import { LedgerEntryPage } from './pages/ledger/LedgerEntryPage';
import { LedgerPage } from './pages/ledger/LedgerPage';

/** Screens anyone may open, without signing in (the public notice). */
const publicRoutes: RouteObject[] = [{ path: '/login', element: <LoginPage /> }];

/** Screens inside the signed-in frame. */
const signedInRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/tasks" replace /> },
  { path: 'tasks', element: <InboxPage /> },
  { path: 'ledger', element: <LedgerPage /> },
  { path: 'ledger/:branchId', element: <LedgerEntryPage /> },
  { path: 'calendar', element: <CalendarPage /> },
  { path: 'audit', element: <AuditPage /> },
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
