import { Button, Result } from 'antd';
import { Link, useRouteError } from 'react-router';

export function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="地址有误，或该页面已移动。" extra={<Link to="/">返回我的待办</Link>} />;
}

/** A screen that failed to render: a message and a way on, never a blank page. */
export function ErrorScreen() {
  const error = useRouteError();
  console.warn('screen failed', error);
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle="请刷新重试；如果问题仍然存在，请联系管理员。"
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新
        </Button>
      }
    />
  );
}
