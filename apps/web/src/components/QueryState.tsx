import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { messageOf } from '../api/client';

interface Props {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  children: ReactNode;
}

/** A query's loading and failure states: never a blank screen, always a way to retry. */
export function QueryState({ query, children }: Props) {
  if (query.isError) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  return <>{children}</>;
}

export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={messageOf(error)}
      action={
        <Button size="small" onClick={retry}>
          重试
        </Button>
      }
    />
  );
}
