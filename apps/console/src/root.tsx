/** Locale, router and the page table. */
import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useI18n } from './lib/i18n';
import { useAuth } from './lib/auth';
import { Shell } from './shell';
import { LoginPage } from './pages/login';

const Dashboard = lazy(() => import('./pages/dashboard'));
const Activities = lazy(() => import('./pages/activities'));
const ActivityEdit = lazy(() => import('./pages/activity-edit'));
const Groups = lazy(() => import('./pages/groups'));
const GroupDetail = lazy(() => import('./pages/group-detail'));
const Orders = lazy(() => import('./pages/orders'));
const Members = lazy(() => import('./pages/members'));
const MemberDetail = lazy(() => import('./pages/member-detail'));
const Recharges = lazy(() => import('./pages/recharges'));
const Withdrawals = lazy(() => import('./pages/withdrawals'));
const Ledger = lazy(() => import('./pages/ledger'));
const TrialBalance = lazy(() => import('./pages/trial-balance'));
const Settlements = lazy(() => import('./pages/settlements'));
const Malls = lazy(() => import('./pages/malls'));
const BlindBoxes = lazy(() => import('./pages/blind-boxes'));
const Settings = lazy(() => import('./pages/settings'));
const Audit = lazy(() => import('./pages/audit'));
const Operators = lazy(() => import('./pages/operators'));
const Simulator = lazy(() => import('./pages/simulator'));

function Loading() {
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

function Guarded({ children }: { children: ReactNode }) {
  const { me, isLoading } = useAuth();
  if (isLoading) return <Loading />;
  if (!me) return <Navigate to="/login" replace />;
  return <Shell>{<Suspense fallback={<Loading />}>{children}</Suspense>}</Shell>;
}

export function Root() {
  const { locale } = useI18n();
  const page = (el: ReactNode) => <Guarded>{el}</Guarded>;
  return (
    <ConfigProvider
      locale={locale === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#d4380d', borderRadius: 6 } }}
    >
      <AntApp>
        <BrowserRouter basename="/admin">
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/" element={page(<Dashboard />)} />
            <Route path="/activities" element={page(<Activities />)} />
            <Route path="/activities/new" element={page(<ActivityEdit />)} />
            <Route path="/activities/:id" element={page(<ActivityEdit />)} />
            <Route path="/groups" element={page(<Groups />)} />
            <Route path="/groups/:id" element={page(<GroupDetail />)} />
            <Route path="/orders" element={page(<Orders />)} />
            <Route path="/members" element={page(<Members />)} />
            <Route path="/members/:id" element={page(<MemberDetail />)} />
            <Route path="/finance/recharges" element={page(<Recharges />)} />
            <Route path="/finance/withdrawals" element={page(<Withdrawals />)} />
            <Route path="/finance/ledger" element={page(<Ledger />)} />
            <Route path="/finance/trial-balance" element={page(<TrialBalance />)} />
            <Route path="/settlements" element={page(<Settlements />)} />
            <Route path="/malls" element={page(<Malls />)} />
            <Route path="/blind-boxes" element={page(<BlindBoxes />)} />
            <Route path="/settings" element={page(<Settings />)} />
            <Route path="/audit" element={page(<Audit />)} />
            <Route path="/operators" element={page(<Operators />)} />
            <Route path="/simulator" element={page(<Simulator />)} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
