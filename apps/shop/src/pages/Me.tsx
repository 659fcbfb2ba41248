/** Me: profile and region (SPEC §1), language, and the way to every member page. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, List, Popup, Segmented, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api, setToken } from '../lib/api';
import { useAssetName } from '../lib/config';
import { useI18n, type Locale } from '../lib/i18n';
import { useMe } from '../lib/session';
import type { Profile } from '../lib/types';
import { Page } from '../components/Page';
import { errorText, QueryView } from '../components/states';

function ProfileForm({ me, onDone }: { me: Profile; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: {
    nickname: string;
    province: string;
    city?: string;
    district?: string;
  }) => {
    setError(null);
    try {
      await api('/me', {
        method: 'PATCH',
        body: {
          nickname: v.nickname,
          region: {
            province: v.province,
            city: v.city?.trim() || null,
            district: v.district?.trim() || null,
          },
        },
      });
      onDone();
    } catch (e) {
      setError(errorText(e, locale));
    }
  };
  return (
    <Form
      layout="horizontal"
      initialValues={{
        nickname: me.nickname,
        province: me.province ?? '',
        city: me.city ?? '',
        district: me.district ?? '',
      }}
      onFinish={submit}
      footer={
        <Button block type="submit" color="primary" size="large">
          {t('保存', 'Save')}
        </Button>
      }
    >
      <Form.Header>{t('个人资料', 'Profile')}</Form.Header>
      <Form.Item name="nickname" label={t('昵称', 'Nickname')} rules={[{ required: true }]}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item
        name="province"
        label={t('省', 'Province')}
        rules={[{ required: true, message: t('请填写省份', 'Province needed') }]}
      >
        <Input maxLength={32} placeholder="广东省" />
      </Form.Item>
      <Form.Item name="city" label={t('市', 'City')}>
        <Input maxLength={32} placeholder="深圳市" />
      </Form.Item>
      <Form.Item name="district" label={t('区/县', 'District')}>
        <Input maxLength={32} placeholder="南山区" />
      </Form.Item>
      {error && (
        <p role="alert" className="verify-bad">
          {error}
        </p>
      )}
    </Form>
  );
}

export default function Me() {
  const { t, locale, setLocale } = useI18n();
  const pool = useAssetName()('POOL');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const logout = async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => {});
    setToken(null);
    qc.clear();
    navigate('/');
  };
  const links: [string, string, string][] = [
    ['/me/groups', '我的团', 'My groups'],
    ['/me/orders', '我的订单', 'My orders'],
    ['/wallet', '我的钱包', 'Wallet'],
    ['/pool', pool.zh, pool.en],
    ['/team', '我的团队', 'My team'],
    ['/mall', '积分商城 · 购物券专区', 'Malls'],
    ['/blind-box', '我的盲盒', 'Blind boxes'],
    ['/bridge', '积分上链', 'Chain bridge'],
  ];
  return (
    <Page title={t('我的', 'Me')}>
      <QueryView q={me}>
        {(m) => (
          <div className="hero">
            <div className="row">
              <div style={{ fontSize: 18, fontWeight: 700 }}>{m.nickname}</div>
              {m.tier && <Tag color="warning">{m.tier.name}</Tag>}
            </div>
            <div className="muted">
              {m.phone} · {t('邀请码', 'Invite code')} {m.inviteCode}
            </div>
            <div className="muted">
              {t('地区', 'Region')}:{' '}
              {[m.province, m.city, m.district].filter(Boolean).join(' ') || t('未设置', 'not set')}
            </div>
            {m.isFrozen && <Tag color="danger">{t('账户已冻结', 'Account frozen')}</Tag>}
            <Button size="small" style={{ marginTop: 8 }} onClick={() => setEditing(true)}>
              {t('编辑资料与地区', 'Edit profile and region')}
            </Button>
          </div>
        )}
      </QueryView>
      <List className="links">
        {links.map(([to, zh, en]) => (
          <List.Item key={to} clickable onClick={() => navigate(to)}>
            {t(zh, en)}
          </List.Item>
        ))}
      </List>
      <div className="card" style={{ marginTop: 12 }}>
        <div className="row">
          <span>{t('语言', 'Language')}</span>
          <Segmented
            value={locale}
            onChange={(v) => setLocale(v as Locale)}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
          />
        </div>
      </div>
      <Button block onClick={() => void logout()}>
        {t('退出登录', 'Sign out')}
      </Button>
      <Popup visible={editing && me.data !== undefined} onMaskClick={() => setEditing(false)}>
        {me.data && (
          <ProfileForm
            me={me.data}
            onDone={() => {
              setEditing(false);
              void qc.invalidateQueries({ queryKey: ['me'] });
            }}
          />
        )}
      </Popup>
    </Page>
  );
}
