import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, messageOf, unwrap } from '../api/client';
import { saveSession } from '../session/session';
import { useSession } from '../session/SessionContext';

interface Credentials {
  username: string;
  password: string;
}

/** Sign-in; afterwards back to where the user was (the `next` the guard passed along). */
export function LoginPage() {
  const { session, signedIn, expired } = useSession();
  const navigate = useNavigate();
  const next = new URLSearchParams(useLocation().search).get('next') || '/';
  const login = useMutation({
    mutationFn: (body: Credentials) => unwrap(api.POST('/auth/login', { body })),
    onSuccess: (answer) => {
      signedIn(saveSession(answer));
      void navigate(next, { replace: true });
    },
  });
  if (session) return <Navigate to={next} replace />;
  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={3}>先锋党建 · 评选与审批</Typography.Title>
        {expired && <Alert type="warning" showIcon title="登录已过期，请重新登录" style={{ marginBottom: 16 }} />}
        {login.isError && <Alert type="error" showIcon title={messageOf(login.error)} style={{ marginBottom: 16 }} />}
        <Form<Credentials> layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
