/** 数据看板: today and this month at a glance, obligations outstanding, and 30-day trends. */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { DashboardFigures, DashboardReply } from '@pingou/contract';
import { ErrorAlert } from '../components/errors';
import { get } from '../lib/api';
import { formatFen, formatHundredths, formatInt } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PageHeader } from '../shell';

const Chart = lazy(() => import('../components/chart'));

function Figures({ title, f }: { title: string; f: DashboardFigures }) {
  const { t } = useI18n();
  const items: [string, string][] = [
    [t('参团次数', 'Joins'), formatInt(f.joins)],
    [t('开奖团数', 'Groups drawn'), formatInt(f.groupsDrawn)],
    [t('充值流入', 'Cash in'), formatFen(f.cashInFen)],
    [t('提现流出', 'Cash out'), formatFen(f.cashOutFen)],
    [t('平台现金利润', 'Platform cash profit'), formatFen(f.cashProfitFen)],
  ];
  return (
    <Card title={title} size="small">
      <Row gutter={[16, 16]}>
        {items.map(([k, v]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Statistic title={k} value={v} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => get<DashboardReply>('/admin/dashboard', { days: 30 }),
  });
  const d = q.data;
  const days = d?.series.map((s) => s.day.slice(5)) ?? [];
  // chart values in yuan: display only, the figures above are formatted from fen
  const yuan = (fen: number) => fen / 100;
  return (
    <div>
      <PageHeader
        title={t('数据看板', 'Dashboard')}
        sub={d ? t(`今天 ${d.today}（${d.timeZone}）`, `Today ${d.today} (${d.timeZone})`) : null}
      />
      <ErrorAlert error={q.error} />
      {d ? (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Figures title={t('今日', 'Today')} f={d.todayFigures} />
          </Col>
          <Col span={24}>
            <Figures
              title={t(`本月（${d.month}）`, `This month (${d.month})`)}
              f={d.monthFigures}
            />
          </Col>
          <Col span={24}>
            <Card title={t('平台待兑付（当前）', 'Outstanding obligations (now)')} size="small">
              <Row gutter={[16, 16]}>
                {(
                  [
                    [t('会员零钱', 'Member cash'), formatFen(d.outstanding.memberCashFen)],
                    [t('购物金', 'Shopping gold'), formatHundredths(d.outstanding.shoppingGold)],
                    [
                      t('分红积分', 'Dividend points'),
                      formatHundredths(d.outstanding.dividendPoints),
                    ],
                    [t('积分池', 'Pool points'), formatHundredths(d.outstanding.poolPoints)],
                    [
                      t('消费积分', 'Consumption points'),
                      formatHundredths(d.outstanding.consumptionPoints),
                    ],
                    [t('购物券', 'Vouchers'), formatHundredths(d.outstanding.vouchers)],
                    [t('月分红池', 'Monthly pool'), formatFen(d.outstanding.monthlyPoolFen)],
                    [t('日分红池', 'Daily pool'), formatFen(d.outstanding.dailyPoolFen)],
                    [
                      t(
                        `待处理提现（${d.outstanding.pendingWithdrawalsCount} 笔）`,
                        `Pending withdrawals (${d.outstanding.pendingWithdrawalsCount})`,
                      ),
                      formatFen(d.outstanding.pendingWithdrawalsFen),
                    ],
                  ] as [string, string][]
                ).map(([k, v]) => (
                  <Col key={k} xs={12} md={8} xl={6}>
                    <Statistic title={k} value={v} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('近 30 天资金（元）', 'Cash, last 30 days (yuan)')} size="small">
              <Suspense fallback={<div style={{ height: 300 }} />}>
                <Chart
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 60, right: 16, top: 36, bottom: 28 },
                    xAxis: { type: 'category', data: days },
                    yAxis: { type: 'value' },
                    series: [
                      {
                        name: t('充值流入', 'Cash in'),
                        type: 'line',
                        data: d.series.map((s) => yuan(s.cashInFen)),
                      },
                      {
                        name: t('提现流出', 'Cash out'),
                        type: 'line',
                        data: d.series.map((s) => yuan(s.cashOutFen)),
                      },
                      {
                        name: t('现金利润', 'Cash profit'),
                        type: 'bar',
                        data: d.series.map((s) => yuan(s.cashProfitFen)),
                      },
                    ],
                  }}
                />
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('近 30 天参团与开奖', 'Joins and draws, last 30 days')} size="small">
              <Suspense fallback={<div style={{ height: 300 }} />}>
                <Chart
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 48, right: 16, top: 36, bottom: 28 },
                    xAxis: { type: 'category', data: days },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      {
                        name: t('参团次数', 'Joins'),
                        type: 'bar',
                        data: d.series.map((s) => s.joins),
                      },
                      {
                        name: t('开奖团数', 'Groups drawn'),
                        type: 'line',
                        data: d.series.map((s) => s.groupsDrawn),
                      },
                    ],
                  }}
                />
              </Suspense>
            </Card>
          </Col>
          <Col span={24}>
            <Typography.Text type="secondary">
              {t(
                '现金利润 = 各团开奖结算单的现金利润 + 提现手续费 − 静态释放；日期按平台时区。',
                'Cash profit = the draws’ statement cash profit + withdrawal fees − static release; days in the platform time zone.',
              )}
            </Typography.Text>
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
