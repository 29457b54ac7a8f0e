import { useCallback, useRef, useState } from 'react';
import { ApiFailure, idempotencyKey } from './client';

/**
 * One form's submission to the API: busy while it runs, the refusal to show, and one
 * Idempotency-Key per attempt. A refusal (4xx) stored nothing, so the next attempt is a new
 * request with a new key; a lost answer (network, 5xx) keeps its key, so retrying it never
 * does the work twice.
 */
export function useSubmission() {
  const key = useRef(idempotencyKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(send: (idempotencyKey: string) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
    setBusy(true);
    setError(null);
    try {
      const value = await send(key.current);
      key.current = idempotencyKey();
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiFailure && err.status >= 400 && err.status < 500) key.current = idempotencyKey();
      setError(err);
      return { ok: false };
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
