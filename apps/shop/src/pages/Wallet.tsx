/** Wallet (SPEC §2): every balance with its history; recharge and withdraw from here. */
import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatAsset, formatFen } from '../lib/money';
import { useFormatTime } from '../lib/time';
import type { Balance, History } from '../lib/types';
import { Page } from '../components/Page';
import { Empty, Failed, Loading, QueryView } from '../components/states';

function HistoryList({ asset }: { asset: string }) {
  const { t, pick } = useI18n();
  const fmt = useFormatTime();
  const q = useInfiniteQuery({
    queryKey: ['wallet-history', asset],
    queryFn: ({ pageParam }) =>
      api<History>(
        `/me/wallet/history?asset=${encodeURIComponent(asset)}&limit=20${pageParam ? `&before=${pageParam}` : ''}`,
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Failed error={q.error} retry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty>{t('暂无明细', 'No history yet')}</Empty>;
  return (
    <>
      <List aria-label={t('明细', 'History')}>
        {items.map((h) => (
          <List.Item
            key={h.id}
            description={fmt(h.createdAt)}
            extra={
              <span style={{ color: h.amount >= 0 ? 'var(--brand)' : '#333', fontWeight: 600 }}>
                {formatAsset(h.asset, h.amount, true)}
              </span>
            }
          >
            {pick(h.reason)}
          </List.Item>
        ))}
      </List>
      {q.hasNextPage && (
        <Button
          block
          fill="none"
          loading={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {t('加载更多', 'Load more')}
        </Button>
      )}
    </>
  );
}

export default function Wallet() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['wallet'],
    queryFn: () => api<{ balances: Balance[] }>('/me/wallet'),
  });
  const [asset, setAsset] = useState('CASH');
  return (
    <Page title={t('我的钱包', 'Wallet')}>
      <QueryView q={q}>
        {(d) => {
          const cash = d.balances.find((b) => b.asset === 'CASH');
          return (
            <>
              <div className="hero">
                <div className="muted">{t('零钱（可提现）', 'Cash (withdrawable)')}</div>
                <div className="big" data-testid="cash">
                  {formatFen(cash?.balance ?? 0)}
                </div>
                <div className="grid2" style={{ marginTop: 8 }}>
                  <Button onClick={() => navigate('/wallet/recharge')}>
                    {t('充值', 'Recharge')}
                  </Button>
                  <Button onClick={() => navigate('/wallet/withdraw')}>
                    {t('提现', 'Withdraw')}
                  </Button>
                </div>
              </div>
              <div
                className="grid2"
                style={{ marginBottom: 12 }}
                role="tablist"
                aria-label={t('余额', 'Balances')}
              >
                {d.balances.map((b) => (
                  <button
                    key={b.asset}
                    type="button"
                    role="tab"
                    aria-selected={asset === b.asset}
                    className="tile option"
                    aria-checked={asset === b.asset}
                    onClick={() => setAsset(b.asset)}
                  >
                    <div className="muted">{pick(b.label)}</div>
                    <div className="v">{formatAsset(b.asset, b.balance)}</div>
                  </button>
                ))}
              </div>
              <h3 style={{ margin: '4px 2px 8px', fontSize: 15 }}>
                {pick(d.balances.find((b) => b.asset === asset)?.label)} · {t('明细', 'History')}
              </h3>
              <HistoryList asset={asset} />
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
