import { Navigate } from 'react-router';
import { useUser } from '../session/SessionContext';

/** Where a user starts: a branch's submitter at their nominations, everyone else at 我的待办. */
export function StartScreen() {
  const user = useUser();
  const onlySubmitter = user.roles.length > 0 && user.roles.every((g) => g.role === 'submitter');
  return <Navigate to={onlySubmitter ? '/nominations' : '/tasks'} replace />;
}
