/**
 * 日结与月结: settlement runs with progress bars, a preview of a day's or a month's
 * settlement before it pays, confirming the monthly amount, and catch-up.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Space,
  Tag,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ErrorAlert, useNotify } from '../components/errors';
import { Money, YuanInput } from '../components/money';
import { PagedTable } from '../components/paged-table';
import { get, post, put } from '../lib/api';
import { useAuth } from '../lib/auth';
import {
  formatBp,
  formatFen,
  formatHundredths,
  formatInt,
  formatTime,
  platformDay,
} from '../lib/format';
import { useI18n } from '../lib/i18n';
import { SETTLEMENT_KIND, SETTLEMENT_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';

interface Run {
  id: number;
  kind: 'daily' | 'monthly';
  period: string;
  status: string;
  done: number;
  total: number;
  progress: number;
  createdAt: string;
  finishedAt: string | null;
}
interface DailyPreview {
  day: string;
  status: string;
  dailyPool: number;
  winners: number;
  dividendToPay: number;
  staticRelease: {
    rule: { isEnabled: boolean; baseBp: number; accelerationBpPerJoin: number; maxBp: number };
    members: number;
    estimatedTotal: number;
  };
}
interface MonthlyPreview {
  period: string;
  status: string;
  monthlyPool: number;
  confirmedAmount: number | null;
  amountToPay: number;
  holders: number;
  poolPoints: number;
}

export default function SettlementsPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const [kind, setKind] = useState<string>('all');
  // yesterday and this month as the platform counts them, not the browser
  const [day, setDay] = useState(platformDay(-1));
  const [month, setMonth] = useState(platformDay().slice(0, 7));
  const [amount, setAmount] = useState<number | null>(null);

  const catchUp = useMutation({
    mutationFn: () =>
      post<{ runs: { period: string; status: string; done: number; total: number }[] }>(
        '/admin/settlements/catch-up',
      ),
    onSuccess: (r) => {
      notify.ok(
        r.runs.length
          ? t(`已完成 ${r.runs.length} 次结算`, `${r.runs.length} runs done`)
          : t('没有需要补结算的周期', 'Nothing was due'),
      );
      void qc.invalidateQueries({ queryKey: ['settlements'] });
      void qc.invalidateQueries({ queryKey: ['daily-preview'] });
      void qc.invalidateQueries({ queryKey: ['monthly-preview'] });
    },
    onError: notify.fail,
  });
  // while a catch-up runs, the runs list refreshes every second so the progress bars move
  const running = catchUp.isPending;
  const daily = useQuery({
    queryKey: ['daily-preview', day],
    queryFn: () => get<DailyPreview>('/admin/settlements/daily/preview', { day }),
  });
  const monthly = useQuery({
    queryKey: ['monthly-preview', month],
    queryFn: () => get<MonthlyPreview>(`/admin/settlements/monthly/${month}/preview`),
  });
  const confirm = useMutation({
    mutationFn: () => put(`/admin/settlements/monthly/${month}/amount`, { amountFen: amount }),
    onSuccess: () => {
      notify.ok(t('已确认本月分红金额', 'Monthly amount confirmed'));
      void qc.invalidateQueries({ queryKey: ['monthly-preview'] });
    },
    onError: notify.fail,
  });
  const runsLive = useQuery({
    queryKey: ['settlements-live'],
    queryFn: () => get<{ items: Run[] }>('/admin/settlements', { limit: 5 }),
    refetchInterval: running ? 1000 : false,
    enabled: running,
  });
  const d = daily.data;
  const m = monthly.data;
  return (
    <div>
      <PageHeader
        title={t('日结与月结', 'Calendar settlements')}
        sub={t(
          '日结在每天 0 点（平台时区）结算前一天；月结在月末之后结算上个月。漏掉的周期会按顺序补结算。',
          'Daily at 00:00 for yesterday; monthly after month end; missed periods are caught up in order.',
        )}
        extra={
          can('finance') ? (
            <Popconfirm
              title={t('立即补结算所有到期的日结和月结？', 'Run every due settlement now?')}
              description={t(
                '每个周期只结算一次，重复执行没有影响。',
                'Each period settles once; running again has no effect.',
              )}
              onConfirm={() => catchUp.mutate()}
            >
              <Button type="primary" loading={running}>
                {t('补结算到期周期', 'Catch up now')}
              </Button>
            </Popconfirm>
          ) : null
        }
      />
      {running ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('正在结算…', 'Settling…')}
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              {(runsLive.data?.items ?? [])
                .filter((r) => r.status === 'running')
                .map((r) => (
                  <div key={r.id}>
                    {l(label(SETTLEMENT_KIND, r.kind))} {r.period}
                    <Progress percent={Math.floor(r.progress * 100)} status="active" />
                  </div>
                ))}
            </Space>
          }
        />
      ) : null}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('日结预览', 'Daily preview')}
            extra={
              <DatePicker
                allowClear={false}
                value={dayjs(day)}
                onChange={(v) => v && setDay(v.format('YYYY-MM-DD'))}
              />
            }
          >
            <ErrorAlert error={daily.error} />
            {d ? (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('状态', 'State')}>
                  <Tag>{l(label(SETTLEMENT_STATUS, d.status))}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('当日日分红池', 'Daily pool')}>
                  <Money fen={d.dailyPool} />
                </Descriptions.Item>
                <Descriptions.Item label={t('当日中奖人数', 'Winners that day')}>
                  {formatInt(d.winners)}
                </Descriptions.Item>
                <Descriptions.Item label={t('将发放日分红', 'Dividend to pay')}>
                  <Money fen={d.dividendToPay} strong />
                </Descriptions.Item>
                <Descriptions.Item label={t('静态释放', 'Static release')}>
                  {d.staticRelease.rule.isEnabled
                    ? t(
                        `开启：基础 ${formatBp(d.staticRelease.rule.baseBp)}，每次参团加速 ${formatBp(d.staticRelease.rule.accelerationBpPerJoin)}，最高 ${formatBp(d.staticRelease.rule.maxBp)}；${d.staticRelease.members} 人约 ${formatFen(d.staticRelease.estimatedTotal)}`,
                        `On: base ${formatBp(d.staticRelease.rule.baseBp)}; ${d.staticRelease.members} members, about ${formatFen(d.staticRelease.estimatedTotal)}`,
                      )
                    : t('未开启', 'Off')}
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('月结预览', 'Monthly preview')}
            extra={
              <DatePicker
                picker="month"
                allowClear={false}
                value={dayjs(`${month}-01`)}
                onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
              />
            }
          >
            <ErrorAlert error={monthly.error} />
            {m ? (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('状态', 'State')}>
                  <Tag>{l(label(SETTLEMENT_STATUS, m.status))}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('月分红池余额', 'Monthly pool')}>
                  <Money fen={m.monthlyPool} />
                </Descriptions.Item>
                <Descriptions.Item label={t('财务确认金额', 'Confirmed amount')}>
                  {m.confirmedAmount === null ? (
                    t('未确认（按分红池余额发放）', 'Not confirmed (the pool is paid)')
                  ) : (
                    <Money fen={m.confirmedAmount} />
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('将发放', 'To pay')}>
                  <Money fen={m.amountToPay} strong />
                </Descriptions.Item>
                <Descriptions.Item label={t('积分池持有人 / 积分', 'Holders / pool points')}>
                  {formatInt(m.holders)} / {formatHundredths(m.poolPoints)}
                </Descriptions.Item>
                {can('finance') && m.status === 'not_started' ? (
                  <Descriptions.Item label={t('确认本月分红金额', 'Confirm the amount')}>
                    <Space>
                      <YuanInput value={amount} onChange={setAmount} style={{ width: 160 }} />
                      <Button
                        disabled={amount === null}
                        loading={confirm.isPending}
                        onClick={() => confirm.mutate()}
                      >
                        {t('确认', 'Confirm')}
                      </Button>
                    </Space>
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            ) : null}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('结算记录', 'Runs')}
        extra={
          <Segmented
            size="small"
            value={kind}
            onChange={(v) => setKind(String(v))}
            options={[
              { value: 'all', label: t('全部', 'All') },
              { value: 'daily', label: t('日结', 'Daily') },
              { value: 'monthly', label: t('月结', 'Monthly') },
            ]}
          />
        }
      >
        <PagedTable<Run>
          path="/admin/settlements"
          queryKey={['settlements']}
          filters={{ kind: kind === 'all' ? undefined : kind }}
          rowKey="id"
          columns={[
            {
              title: t('类型', 'Kind'),
              dataIndex: 'kind',
              render: (k: string) => l(label(SETTLEMENT_KIND, k)),
            },
            { title: t('周期', 'Period'), dataIndex: 'period' },
            {
              title: t('状态', 'State'),
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={s === 'completed' ? 'green' : 'blue'}>
                  {l(label(SETTLEMENT_STATUS, s))}
                </Tag>
              ),
            },
            {
              title: t('进度', 'Progress'),
              width: 260,
              render: (_, r) => (
                <Progress
                  percent={Math.floor(r.progress * 100)}
                  size="small"
                  status={r.status === 'running' ? 'active' : undefined}
                  format={() => `${formatInt(r.done)} / ${formatInt(r.total)}`}
                />
              ),
            },
            { title: t('开始', 'Started'), dataIndex: 'createdAt', render: formatTime },
            { title: t('完成', 'Finished'), dataIndex: 'finishedAt', render: formatTime },
          ]}
        />
      </Card>
    </div>
  );
}
