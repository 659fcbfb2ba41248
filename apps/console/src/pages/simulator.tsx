/**
 * 利润演算 (SPEC §12): a member population over simulated days under an activity's
 * settings — the platform's cash, its cash profit and what it owes, day by day.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { economicsSimulateBodySchema, type EconomicsSimulationResult } from '@pingou/contract';
import { ErrorAlert } from '../components/errors';
import { PercentInput, YuanInput } from '../components/money';
import { get, post } from '../lib/api';
import { formatBp, formatFen, formatInt } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PageHeader } from '../shell';
import type { AdminActivity } from './activities';

const Chart = lazy(() => import('../components/chart'));

interface Inputs {
  activityId?: number;
  days: number;
  initialMembers: number;
  arrivalsPerDay: number;
  maxMembers: number | null;
  activeBp: number;
  joinsMin: number;
  joinsMax: number;
  churnBp: number;
  invitedBp: number;
  rechargeFen: number;
  withdrawBp: number;
}

export default function SimulatorPage() {
  const { t } = useI18n();
  const activities = useQuery({
    queryKey: ['activities'],
    queryFn: () => get<{ items: AdminActivity[] }>('/admin/activities'),
  });
  const [v, setV] = useState<Inputs>({
    days: 90,
    initialMembers: 200,
    arrivalsPerDay: 20,
    maxMembers: 1000,
    activeBp: 3000,
    joinsMin: 1,
    joinsMax: 3,
    churnBp: 50,
    invitedBp: 6000,
    rechargeFen: 100_000,
    withdrawBp: 500,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const aid = v.activityId ?? activities.data?.items.find((a) => a.status === 'published')?.id;
  const run = useMutation({
    mutationFn: () => {
      const body = economicsSimulateBodySchema.safeParse({
        activityId: aid,
        population: {
          days: v.days,
          initialMembers: v.initialMembers,
          arrivalsPerDay: v.arrivalsPerDay,
          maxMembers: v.maxMembers,
          activeBp: v.activeBp,
          joinsWhenActive: { min: v.joinsMin, max: v.joinsMax },
          churnBp: v.churnBp,
          referral: { invitedBp: v.invitedBp, tiers: [] },
          rechargeFen: v.rechargeFen,
          withdrawBp: v.withdrawBp,
        },
      });
      if (!body.success) {
        setProblem(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；'));
        return Promise.resolve(null);
      }
      setProblem(null);
      return post<EconomicsSimulationResult>('/admin/economics/simulate', body.data);
    },
  });
  const r = run.data;
  const set =
    <K extends keyof Inputs>(k: K) =>
    (x: Inputs[K] | null) =>
      setV((o) => ({ ...o, [k]: x ?? 0 }));
  const days = r?.series.map((s) => s.day.slice(5)) ?? [];
  const yuan = (fen: number) => fen / 100; // chart axis only
  return (
    <div>
      <PageHeader
        title={t('利润演算（模拟）', 'Economics simulator')}
        sub={t(
          '按活动设置模拟会员人群一段时间：平台现金、现金利润与待兑付义务的每日变化。同样的种子得到同样的结果。',
          'Simulates a member population under an activity’s settings, day by day; same seed, same series.',
        )}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('活动（使用其当前发布版本）', 'Activity (its published version)')}
              >
                <Select
                  value={aid}
                  onChange={(x: number) => setV((o) => ({ ...o, activityId: x }))}
                  options={(activities.data?.items ?? [])
                    .filter((a) => a.currentVersionId !== null)
                    .map((a) => ({ value: a.id, label: a.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('模拟天数', 'Days')}>
                <InputNumber
                  min={1}
                  max={400}
                  precision={0}
                  value={v.days}
                  onChange={set('days')}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('初始会员数', 'Members on day one')}>
                <InputNumber
                  min={0}
                  precision={0}
                  value={v.initialMembers}
                  onChange={set('initialMembers')}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('每天新增会员', 'Arrivals per day')}>
                <InputNumber
                  min={0}
                  precision={0}
                  value={v.arrivalsPerDay}
                  onChange={set('arrivalsPerDay')}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('会员总数上限', 'Member cap')}>
                <InputNumber
                  min={0}
                  precision={0}
                  value={v.maxMembers}
                  onChange={(x) =>
                    setV((o) => ({ ...o, maxMembers: x === null ? null : Number(x) }))
                  }
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('每天参与的会员比例', 'Active per day')}>
                <PercentInput value={v.activeBp} onChange={set('activeBp')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('参与时参团次数（最少–最多）', 'Joins when active (min–max)')}>
                <Space>
                  <InputNumber
                    min={1}
                    precision={0}
                    value={v.joinsMin}
                    onChange={set('joinsMin')}
                    style={{ width: 70 }}
                  />
                  <InputNumber
                    min={1}
                    precision={0}
                    value={v.joinsMax}
                    onChange={set('joinsMax')}
                    style={{ width: 70 }}
                  />
                </Space>
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('每天流失比例', 'Churn per day')}>
                <PercentInput value={v.churnBp} onChange={set('churnBp')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('新会员带邀请码比例', 'Invited arrivals')}>
                <PercentInput value={v.invitedBp} onChange={set('invitedBp')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('每次充值金额', 'Recharge amount')}>
                <YuanInput value={v.rechargeFen} onChange={set('rechargeFen')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('每天提现概率', 'Withdraw chance per day')}>
                <PercentInput value={v.withdrawBp} onChange={set('withdrawBp')} />
              </Form.Item>
            </Col>
          </Row>
          <Button
            type="primary"
            loading={run.isPending}
            disabled={aid === undefined}
            onClick={() => run.mutate()}
          >
            {run.isPending ? t('正在模拟…', 'Simulating…') : t('开始模拟', 'Run')}
          </Button>
        </Form>
      </Card>
      {problem ? <Alert type="error" title={problem} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={run.error} />
      {r ? (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card size="small" title={t('合计', 'Totals')}>
              <Descriptions size="small" column={4}>
                <Descriptions.Item label={t('会员', 'Members')}>
                  {formatInt(r.totals.members)}
                </Descriptions.Item>
                <Descriptions.Item label={t('参团', 'Joins')}>
                  {formatInt(r.totals.joins)}
                </Descriptions.Item>
                <Descriptions.Item label={t('开奖团数', 'Groups drawn')}>
                  {formatInt(r.totals.groupsDrawn)}
                </Descriptions.Item>
                <Descriptions.Item label={t('成团流失', 'Groups failed')}>
                  {formatInt(r.totals.groupsFailed)}
                </Descriptions.Item>
                <Descriptions.Item label={t('充值', 'Recharges')}>
                  {formatFen(r.totals.rechargesFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('提现', 'Withdrawals')}>
                  {formatFen(r.totals.withdrawalsFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('商品成本', 'Product cost')}>
                  {formatFen(r.totals.productCostFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('期末现金利润', 'Cash profit at the end')}>
                  {formatFen(r.series.at(-1)?.cashProfitFen ?? 0)}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('平台现金与利润（元）', 'Platform cash and profit (yuan)')}>
              <Suspense fallback={<div style={{ height: 320 }} />}>
                <Chart
                  height={320}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 80, right: 16, top: 36, bottom: 56 },
                    dataZoom: [{ type: 'slider', bottom: 8 }],
                    xAxis: { type: 'category', data: days },
                    yAxis: { type: 'value' },
                    series: [
                      {
                        name: t('平台持有现金', 'Platform cash'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => yuan(s.platformCashFen)),
                      },
                      {
                        name: t('累计现金利润', 'Cash profit'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => yuan(s.cashProfitFen)),
                      },
                      {
                        name: t('会员零钱', 'Member cash'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => yuan(s.memberCashFen)),
                      },
                    ],
                  }}
                />
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('待兑付义务', 'Outstanding obligations')}>
              <Suspense fallback={<div style={{ height: 320 }} />}>
                <Chart
                  height={320}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 80, right: 16, top: 36, bottom: 56 },
                    dataZoom: [{ type: 'slider', bottom: 8 }],
                    xAxis: { type: 'category', data: days },
                    yAxis: { type: 'value' },
                    series: [
                      {
                        name: t('购物金', 'Shopping gold'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => s.obligations.shoppingGold / 100),
                      },
                      {
                        name: t('分红积分', 'Dividend points'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => s.obligations.dividendPoints / 100),
                      },
                      {
                        name: t('积分池', 'Pool points'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => s.obligations.poolPoints / 100),
                      },
                      {
                        name: t('月分红池（元）', 'Monthly pool (yuan)'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => s.obligations.monthlyPoolFen / 100),
                      },
                    ],
                  }}
                />
              </Suspense>
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('每日参团与开奖', 'Joins and draws per day')}>
              <Suspense fallback={<div style={{ height: 260 }} />}>
                <Chart
                  height={260}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 60, right: 16, top: 36, bottom: 28 },
                    xAxis: { type: 'category', data: days },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { name: t('参团', 'Joins'), type: 'bar', data: r.series.map((s) => s.joins) },
                      {
                        name: t('开奖团数', 'Groups drawn'),
                        type: 'line',
                        showSymbol: false,
                        data: r.series.map((s) => s.groupsDrawn),
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
                `期末会员净收益中位数 ${formatFen(r.series.at(-1)?.net.p50 ?? 0)}；领先（赚钱）的会员占 ${formatBp(r.series.at(-1)?.net.aheadBp ?? 0)}。`,
                `Median member net at the end ${formatFen(r.series.at(-1)?.net.p50 ?? 0)}; ahead: ${formatBp(r.series.at(-1)?.net.aheadBp ?? 0)}.`,
              )}
            </Typography.Text>
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
