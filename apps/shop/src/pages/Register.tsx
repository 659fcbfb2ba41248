/** Register with phone, password and invite code (SPEC §1); /register?invite=CODE fills the code in. */
import { useState } from 'react';
import { Button, Form, Input } from 'antd-mobile';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, setToken } from '../lib/api';
import { useI18n } from '../lib/i18n';
import type { TokenReply } from '../lib/types';
import { Page } from '../components/Page';
import { errorText } from '../components/states';
import { INVITE, PHONE } from '../components/forms';
import { safeNext } from './Login';

interface Values {
  phone: string;
  password: string;
  password2: string;
  inviteCode?: string;
  nickname?: string;
}

export default function Register() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const invite = (params.get('invite') ?? '').toUpperCase();
  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        phone: v.phone,
        password: v.password,
        ...(v.inviteCode ? { inviteCode: v.inviteCode.trim().toUpperCase() } : {}),
        ...(v.nickname?.trim() ? { nickname: v.nickname.trim() } : {}),
      };
      const r = await api<TokenReply>('/auth/register', { method: 'POST', body });
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
    <Page title={t('注册', 'Register')} back="/">
      <div className="card">
        <Form
          layout="horizontal"
          initialValues={{ inviteCode: invite }}
          onFinish={onFinish}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy}>
              {t('注册并登录', 'Register and sign in')}
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
              placeholder="13800000000"
              clearable
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[
              { required: true, min: 8, max: 64, message: t('密码 8–64 位', '8–64 characters') },
            ]}
          >
            <Input
              type="password"
              placeholder={t('至少 8 位', 'At least 8 characters')}
              clearable
            />
          </Form.Item>
          <Form.Item
            name="password2"
            label={t('确认密码', 'Repeat')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('请再次输入密码', 'Repeat the password') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('两次密码不一致', 'The passwords differ'))),
              }),
            ]}
          >
            <Input type="password" placeholder={t('再输一次', 'Once more')} clearable />
          </Form.Item>
          <Form.Item
            name="inviteCode"
            label={t('邀请码', 'Invite code')}
            rules={[
              {
                pattern: INVITE,
                message: t('邀请码为 6–12 位大写字母或数字', '6–12 capital letters or digits'),
              },
            ]}
          >
            <Input placeholder={t('选填', 'Optional')} clearable />
          </Form.Item>
          <Form.Item name="nickname" label={t('昵称', 'Nickname')}>
            <Input placeholder={t('选填', 'Optional')} maxLength={32} clearable />
          </Form.Item>
        </Form>
        {error && (
          <p role="alert" className="verify-bad" style={{ padding: '0 12px' }}>
            {error}
          </p>
        )}
      </div>
      <p style={{ textAlign: 'center' }}>
        {t('已有账号？', 'Have an account?')} <Link to="/login">{t('登录', 'Sign in')}</Link>
      </p>
    </Page>
  );
}
