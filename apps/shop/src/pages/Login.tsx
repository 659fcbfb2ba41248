/** Sign in with phone and password (SPEC §1). */
import { useState } from 'react';
import { Button, Form, Input } from 'antd-mobile';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, setToken } from '../lib/api';
import { useI18n } from '../lib/i18n';
import type { TokenReply } from '../lib/types';
import { Page } from '../components/Page';
import { errorText } from '../components/states';
import { PHONE } from '../components/forms';

export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function Login() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { phone: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<TokenReply>('/auth/login', { method: 'POST', body: v });
      setToken(r.token);
      await qc.invalidateQueries();
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('登录', 'Sign in')} back="/">
      <div className="card">
        <Form
          layout="horizontal"
          onFinish={onFinish}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy}>
              {t('登录', 'Sign in')}
            </Button>
          }
        >
          <Form.Item
            name="phone"
            label={t('手机号', 'Phone')}
            rules={[
              {
                required: true,
                pattern: PHONE,
                message: t('请输入正确的手机号', 'Enter a valid mobile number'),
              },
            ]}
          >
            <Input
              type="tel"
              inputMode="numeric"
              maxLength={11}
              placeholder="13800000001"
              clearable
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input type="password" placeholder={t('密码', 'Password')} clearable />
          </Form.Item>
        </Form>
        {error && (
          <p role="alert" className="verify-bad" style={{ padding: '0 12px' }}>
            {error}
          </p>
        )}
      </div>
      <p style={{ textAlign: 'center' }}>
        {t('还没有账号？', 'No account yet?')}{' '}
        <Link
          to={`/register${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}
        >
          {t('注册', 'Register')}
        </Link>
      </p>
    </Page>
  );
}
