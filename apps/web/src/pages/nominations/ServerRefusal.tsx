import { Alert } from 'antd';
import { ApiFailure, messageOf } from '../../api/client';

/** The server's refusal, in its Chinese words (with each detail a validation gave), beside the form it refused. */
export function ServerRefusal({ error }: { error: unknown }) {
  if (!error) return null;
  const details = error instanceof ApiFailure && Array.isArray(error.details) ? (error.details as unknown[]).filter((d): d is string => typeof d === 'string') : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="nomination-gap"
      title={messageOf(error)}
      description={
        details.length > 0 ? (
          <ul className="plain-list">
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
