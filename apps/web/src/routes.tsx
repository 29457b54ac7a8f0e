import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { ErrorScreen, NotFound } from './pages/ErrorScreens';
import { InboxPage } from './pages/work/InboxPage';
import { LoginPage } from './pages/LoginPage';

/** Screens anyone may open, without signing in (the public notice). */
const publicRoutes: RouteObject[] = [{ path: '/login', element: <LoginPage /> }];

/** Screens inside the signed-in frame. */
const signedInRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/tasks" replace /> },
  { path: 'tasks', element: <InboxPage /> },
  // The task screen carries the JSON Schema forms (rjsf, ajv): loaded when a task is opened, not with the first screen.
  { path: 'tasks/:id', lazy: () => import('./pages/work/TaskPage').then((m) => ({ Component: m.TaskPage })) },
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
