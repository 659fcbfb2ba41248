/**
 * The member shop (H5): mobile first, Chinese first with English switchable.
 * Every route is its own chunk, so the first page loads only what it shows.
 */
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './lib/api';
import { I18nProvider, useI18n } from './lib/i18n';
import { useToken } from './lib/session';
import { Loading } from './components/states';
import { loginPath } from './components/Page';
import './styles.css';

// antd-mobile's imperative Toast / Dialog render through React 19's createRoot
unstableSetRender((node, container) => {
  const c = container as Element & { _root?: ReturnType<typeof createRoot> };
  c._root ??= createRoot(c);
  c._root.render(node);
  return async () => {
    await Promise.resolve();
    c._root?.unmount();
    delete c._root;
  };
});

const Home = lazy(() => import('./pages/Home'));
const Login = lazy(() => import('./pages/Login'));
const Register = lazy(() => import('./pages/Register'));
const ActivityPage = lazy(() => import('./pages/Activity'));
const GroupPage = lazy(() => import('./pages/Group'));
const MyGroups = lazy(() => import('./pages/MyGroups'));
const Orders = lazy(() => import('./pages/Orders'));
const Wallet = lazy(() => import('./pages/Wallet'));
const Recharge = lazy(() => import('./pages/Recharge'));
const Withdraw = lazy(() => import('./pages/Withdraw'));
const Pool = lazy(() => import('./pages/Pool'));
const TeamPage = lazy(() => import('./pages/Team'));
const Me = lazy(() => import('./pages/Me'));
const Malls = lazy(() => import('./pages/Malls'));
const BlindBox = lazy(() => import('./pages/BlindBox'));
const Bridge = lazy(() => import('./pages/Bridge'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function RequireMember({ children }: { children: ReactNode }) {
  const token = useToken();
  const { pathname, search } = useLocation();
  if (!token) return <Navigate to={loginPath(pathname + search)} replace />;
  return <>{children}</>;
}

function Shell() {
  const { locale } = useI18n();
  const m = (el: ReactNode) => <RequireMember>{el}</RequireMember>;
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/login" element={<Login />} />
          <Route path="/register" element={<Register />} />
          <Route path="/activity/:id" element={<ActivityPage />} />
          <Route path="/group/:id" element={<GroupPage />} />
          <Route path="/me" element={m(<Me />)} />
          <Route path="/me/groups" element={m(<MyGroups />)} />
          <Route path="/me/orders" element={m(<Orders />)} />
          <Route path="/wallet" element={m(<Wallet />)} />
          <Route path="/wallet/recharge" element={m(<Recharge />)} />
          <Route path="/wallet/withdraw" element={m(<Withdraw />)} />
          <Route path="/pool" element={m(<Pool />)} />
          <Route path="/team" element={m(<TeamPage />)} />
          <Route path="/mall" element={m(<Malls />)} />
          <Route path="/blind-box" element={m(<BlindBox />)} />
          <Route path="/bridge" element={m(<Bridge />)} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <Shell />
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
