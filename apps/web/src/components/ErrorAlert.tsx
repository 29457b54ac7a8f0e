import { Alert } from 'antd';
import { ApiFailure, messageOf } from '../api/client';

/** A refusal as the server gave it: its Chinese message and, for invalid input, each problem found. */
export function ErrorAlert({ error }: { error: unknown }) {
  const details = error instanceof ApiFailure && Array.isArray(error.details) ? (error.details as unknown[]).map(String) : [];
  return (
    <Alert
      type="error"
      showIcon
      title={messageOf(error)}
      description={details.length ? <ul className="error-details">{details.map((d) => <li key={d}>{d}</li>)}</ul> : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}
