/** A page: title bar (with back), content, and the tab bar on the four main pages. */
import type { ReactNode } from 'react';
import { NavBar, TabBar } from 'antd-mobile';
import { AppOutline, PayCircleOutline, TeamOutline, UserOutline } from 'antd-mobile-icons';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../lib/i18n';

const TABS = [
  { key: '/', icon: <AppOutline />, zh: '首页', en: 'Home' },
  { key: '/me/groups', icon: <TeamOutline />, zh: '我的团', en: 'My groups' },
  { key: '/wallet', icon: <PayCircleOutline />, zh: '钱包', en: 'Wallet' },
  { key: '/me', icon: <UserOutline />, zh: '我的', en: 'Me' },
];

export function Page({
  title,
  children,
  back,
  right,
}: {
  title: string;
  children: ReactNode;
  /** Where the back arrow goes; default: history back. false: no arrow (tab pages). */
  back?: string | false;
  right?: ReactNode;
}) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { t } = useI18n();
  const isTab = TABS.some((x) => x.key === pathname);
  const showBack = back !== false && !isTab;
  return (
    <div className={`page${isTab ? ' with-tabs' : ''}`}>
      <header className="page-bar">
        <NavBar
          backIcon={showBack ? undefined : null}
          back={showBack ? t('返回', 'Back') : null}
          onBack={() =>
            typeof back === 'string'
              ? navigate(back)
              : window.history.length > 1
                ? navigate(-1)
                : navigate('/')
          }
          right={right}
        >
          {title}
        </NavBar>
      </header>
      <main className="page-body">{children}</main>
      {isTab && (
        <nav className="tab-bar" aria-label={t('主导航', 'Main')}>
          <TabBar activeKey={pathname} onChange={(k) => navigate(k)} safeArea>
            {TABS.map((x) => (
              <TabBar.Item key={x.key} icon={x.icon} title={t(x.zh, x.en)} />
            ))}
          </TabBar>
        </nav>
      )}
    </div>
  );
}

/** Sends a signed-out visitor to the login page, then back. */
export function loginPath(next: string) {
  return `/login?next=${encodeURIComponent(next)}`;
}
