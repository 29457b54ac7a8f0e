import type { components, paths } from '../api/schema';

type LoginAnswer = paths['/auth/login']['post']['responses'][200]['content']['application/json'];
export type SessionUser = LoginAnswer['user'];
export type RoleGrant = SessionUser['roles'][number];

/** An organisation (or political) department's administrator: keeps the process lists (rubrics, Liangshan's list); the server checks the same. */
export const isDepartmentAdministrator = (user: SessionUser) => user.roles.some((r) => r.role === 'administrator' && (r.level === 'org_department' || r.level === 'political_department'));

export interface Session {
  token: string;
  /** Epoch milliseconds after which the server refuses the token. */
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'pennant.session';

/** The signed-in user's token, kept for the browser session (closing the browser signs out). */
export function readSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(answer: LoginAnswer): Session {
  const s: Session = { token: answer.accessToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

export type { components };
