/** The console's frame: menu by area, the operator and their role, language switch, sign-out. */
import { Button, Layout, Menu, Segmented, Space, Tag, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS, useAuth } from './lib/auth';
import { useI18n } from './lib/i18n';

const { Sider, Header, Content } = Layout;

export function Shell({ children }: { children: ReactNode }) {
  const { me, logout, can } = useAuth();
  const { t, l, locale, setLocale } = useI18n();
  const nav = useNavigate();
  const loc = useLocation();
  const items: MenuProps['items'] = [
    { key: '/', label: t('数据看板', 'Dashboard') },
    {
      key: 'gb',
      label: t('拼团', 'Group buying'),
      type: 'group',
      children: [
        { key: '/activities', label: t('活动管理', 'Activities') },
        { key: '/groups', label: t('拼团与开奖', 'Groups & draws') },
        { key: '/orders', label: t('订单', 'Orders') },
        { key: '/simulator', label: t('利润演算', 'Economics') },
      ],
    },
    {
      key: 'mem',
      label: t('会员', 'Members'),
      type: 'group',
      children: [{ key: '/members', label: t('会员管理', 'Members') }],
    },
    {
      key: 'fin',
      label: t('财务', 'Finance'),
      type: 'group',
      children: [
        { key: '/finance/withdrawals', label: t('提现审核', 'Withdrawals') },
        { key: '/finance/recharges', label: t('充值记录', 'Recharges') },
        { key: '/finance/ledger', label: t('账本明细', 'Ledger') },
        { key: '/finance/trial-balance', label: t('试算平衡', 'Trial balance') },
        { key: '/settlements', label: t('日结与月结', 'Settlements') },
      ],
    },
    {
      key: 'mall',
      label: t('商城', 'Malls'),
      type: 'group',
      children: [
        { key: '/malls', label: t('商城商品', 'Mall items') },
        { key: '/blind-boxes', label: t('盲盒奖池', 'Blind boxes') },
      ],
    },
    {
      key: 'sys',
      label: t('系统', 'System'),
      type: 'group',
      children: [
        { key: '/settings', label: t('参数设置', 'Settings') },
        { key: '/audit', label: t('操作日志', 'Audit log') },
        ...(can('admin') ? [{ key: '/operators', label: t('管理员账号', 'Operators') }] : []),
      ],
    },
  ];
  const selected =
    ['/finance/withdrawals', '/finance/recharges', '/finance/ledger', '/finance/trial-balance']
      .concat(['/activities', '/groups', '/orders', '/members', '/settlements', '/malls'])
      .concat(['/blind-boxes', '/settings', '/audit', '/operators', '/simulator'])
      .find((k) => loc.pathname === k || loc.pathname.startsWith(k + '/')) ?? '/';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '18px 24px', fontWeight: 700, fontSize: 18, color: '#d4380d' }}>
          {t('拼购后台', 'Pingou Console')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={items}
          onClick={(e) => nav(e.key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
            padding: '0 24px',
          }}
        >
          <Space size="middle">
            {me?.role === 'auditor' ? (
              <Tag color="blue">
                {t('只读：不能修改任何数据', 'Read-only: cannot change anything')}
              </Tag>
            ) : null}
            <Typography.Text>{me?.username}</Typography.Text>
            <Tag color="volcano">{me ? l(ROLE_LABELS[me.role]) : ''}</Tag>
            <Segmented
              size="small"
              value={locale}
              onChange={(v) => setLocale(v as 'zh' | 'en')}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Button size="small" onClick={() => void logout().then(() => nav('/login'))}>
              {t('退出登录', 'Sign out')}
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: 24 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}

/** A page title with actions on the right. */
export function PageHeader({
  title,
  extra,
  sub,
}: {
  title: ReactNode;
  extra?: ReactNode;
  sub?: ReactNode;
}) {
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        marginBottom: 16,
        gap: 16,
        flexWrap: 'wrap',
      }}
    >
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      <Space wrap>{extra}</Space>
    </div>
  );
}
