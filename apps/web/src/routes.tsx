import type { RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { ErrorScreen, NotFound } from './pages/ErrorScreens';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { NewNominationPage } from './pages/nominations/NewNominationPage';
import { NominationListPage } from './pages/nominations/NominationListPage';
import { NominationProgressPage } from './pages/nominations/NominationProgressPage';
import { ResubmitNominationPage } from './pages/nominations/ResubmitNominationPage';
import { PublicNoticePage } from './pages/notices/PublicNoticePage';
import { StartScreen } from './layout/StartScreen';

/** Screens anyone may open, without signing in (the public notice). */
const publicRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/notices/:id', element: <PublicNoticePage /> },
];

/** Screens inside the signed-in frame. */
const signedInRoutes: RouteObject[] = [
  { index: true, element: <StartScreen /> },
  { path: 'tasks', element: <InboxPage /> },
  { path: 'nominations', element: <NominationListPage /> },
  { path: 'nominations/new', element: <NewNominationPage /> },
  { path: 'nominations/:id', element: <NominationProgressPage /> },
  { path: 'nominations/:id/resubmit', element: <ResubmitNominationPage /> },
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
