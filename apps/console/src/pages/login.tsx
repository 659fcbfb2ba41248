/** Operator sign-in. */
import { Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { operatorLoginBodySchema } from '@pingou/contract';
import { ErrorAlert } from '../components/errors';
import { ApiError } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useI18n } from '../lib/i18n';

export function LoginPage() {
  const { me, login } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const nav = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to="/" replace />;
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #fff2e8 0%, #f5f5f5 100%)',
      }}
    >
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0, color: '#d4380d' }}>
            {t('拼购后台', 'Pingou Console')}
          </Typography.Title>
          <Segmented
            size="small"
            value={locale}
            onChange={(v) => setLocale(v as 'zh' | 'en')}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('运营、财务与审计人员登录', 'Sign in as an operator, finance or auditor')}
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form
          layout="vertical"
          onFinish={async (v: { username: string; password: string }) => {
            const parsed = operatorLoginBodySchema.safeParse(v);
            if (!parsed.success) return;
            setBusy(true);
            setError(null);
            try {
              await login(parsed.data.username, parsed.data.password);
              nav('/');
            } catch (e) {
              // the shared code says 手机号或密码错误 (members sign in by phone); operators use a username
              setError(
                e instanceof ApiError && e.code === 'INVALID_CREDENTIALS'
                  ? new ApiError(e.status, {
                      ...e.body,
                      messageZh: '账号或密码错误',
                      messageEn: 'Wrong username or password',
                    })
                  : e,
              );
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="username"
            label={t('账号', 'Username')}
            rules={[{ required: true, message: t('请输入账号', 'Enter your username') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Sign in')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
