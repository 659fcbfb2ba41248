/** 试算平衡 (ledger:check) and the platform accounts' balances (liabilities, pools, revenue). */
import { Alert, Button, Card, Col, Descriptions, Row, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { assetLabel } from '@pingou/contract';
import { ErrorAlert } from '../components/errors';
import { get } from '../lib/api';
import { formatFen, formatHundredths, formatInt } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PURPOSE_LABELS, label } from '../lib/labels';
import { PageHeader } from '../shell';

interface Check {
  ok: boolean;
  entries: number;
  postings: number;
  unbalancedAssets: { asset: string; sum: number }[];
  unbalancedEntries: { entryId: number; asset: string; sum: number }[];
  balanceMismatches: {
    accountId: number;
    memberId: number;
    asset: string;
    stored: number;
    postings: number;
  }[];
  negativeMemberBalances: { accountId: number; balance: number }[];
}

export default function TrialBalancePage() {
  const { t, l } = useI18n();
  const check = useQuery({
    queryKey: ['ledger-check'],
    queryFn: () => get<Check>('/admin/ledger/check'),
  });
  const balances = useQuery({
    queryKey: ['platform-balances'],
    queryFn: () =>
      get<{ items: { purpose: string; asset: string; balance: number }[] }>(
        '/admin/ledger/platform-balances',
      ),
  });
  const c = check.data;
  const problems = c
    ? c.unbalancedAssets.length +
      c.unbalancedEntries.length +
      c.balanceMismatches.length +
      c.negativeMemberBalances.length
    : 0;
  return (
    <div>
      <PageHeader
        title={t('试算平衡', 'Trial balance')}
        extra={
          <Button loading={check.isFetching} onClick={() => void check.refetch()}>
            {t('重新检查', 'Check again')}
          </Button>
        }
      />
      <ErrorAlert error={check.error} />
      {c ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={c.ok ? 'success' : 'error'}
          showIcon
          title={
            c.ok
              ? t(
                  '账本平衡：每种资产、每笔分录借贷合计为零，会员余额与明细一致。',
                  'Balanced: every asset and entry sums to zero; balances match their postings.',
                )
              : t(`发现 ${problems} 处不一致`, `${problems} problems found`)
          }
          description={t(
            `共 ${formatInt(c.entries)} 笔分录、${formatInt(c.postings)} 条明细`,
            `${formatInt(c.entries)} entries, ${formatInt(c.postings)} postings`,
          )}
        />
      ) : null}
      {c && !c.ok ? (
        <Card size="small" title={t('不一致明细', 'Problems')} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={1}>
            {c.unbalancedAssets.map((u) => (
              <Descriptions.Item
                key={u.asset}
                label={t('资产不平', 'Asset off')}
              >{`${l(assetLabel(u.asset))}: ${u.sum}`}</Descriptions.Item>
            ))}
            {c.unbalancedEntries.map((u) => (
              <Descriptions.Item
                key={`${u.entryId}-${u.asset}`}
                label={t('分录不平', 'Entry off')}
              >{`#${u.entryId} ${l(assetLabel(u.asset))}: ${u.sum}`}</Descriptions.Item>
            ))}
            {c.balanceMismatches.map((u) => (
              <Descriptions.Item
                key={u.accountId}
                label={t('余额不符', 'Balance mismatch')}
              >{`${t('会员', 'Member')} #${u.memberId} ${l(assetLabel(u.asset))}: ${u.stored} ≠ ${u.postings}`}</Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      ) : null}
      <Row gutter={16}>
        <Col span={24}>
          <Card
            size="small"
            title={t('平台账户余额（由明细汇总）', 'Platform accounts (sum of postings)')}
          >
            <ErrorAlert error={balances.error} />
            <Table
              size="small"
              rowKey={(r) => `${r.purpose}:${r.asset}`}
              pagination={false}
              loading={balances.isFetching}
              // accounts of every purpose exist for every asset; the zero ones are noise here
              dataSource={(balances.data?.items ?? []).filter((b) => b.balance !== 0)}
              columns={[
                {
                  title: t('账户', 'Account'),
                  dataIndex: 'purpose',
                  render: (p: string) => l(label(PURPOSE_LABELS, p)),
                },
                {
                  title: t('资产', 'Asset'),
                  dataIndex: 'asset',
                  render: (a: string) => l(assetLabel(a)),
                },
                {
                  title: t('余额', 'Balance'),
                  align: 'right',
                  render: (_, r) =>
                    r.asset === 'CASH' ? formatFen(r.balance) : formatHundredths(r.balance),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
