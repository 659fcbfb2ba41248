/** Malls (SPEC §9): the points mall (consumption points) and the voucher mall (vouchers plus cash). */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Tabs } from 'antd-mobile';
import { api, useIdempotencyKey } from '../lib/api';
import { useAssetName } from '../lib/config';
import { useI18n } from '../lib/i18n';
import { formatFen, formatPoints } from '../lib/money';
import type { Balance, MallItem, Page as PageOf, Redemption } from '../lib/types';
import { Page } from '../components/Page';
import { errorText, QueryView } from '../components/states';
import { Thumb } from '../components/Thumb';

/** `pointsName`: the name of the points the item is paid with (an operator setting, SPEC §2). */
function price(i: MallItem, t: (zh: string, en: string) => string, pointsName: string) {
  const unit = i.mall === 'voucher' ? (i.voucherKindName ?? t('购物券', 'vouchers')) : pointsName;
  return `${formatPoints(i.pointsPrice)} ${unit}${i.cashPriceFen > 0 ? ` + ${formatFen(i.cashPriceFen)}` : ''}`;
}

function MallList({ mall }: { mall: 'points' | 'voucher' }) {
  const { t, locale, pick } = useI18n();
  const assetName = useAssetName();
  const priceOf = (i: MallItem) =>
    price(i, t, pick(assetName(i.mall === 'dividend' ? 'DIVIDEND' : 'CONSUMPTION')));
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['mall', mall],
    queryFn: () => api<PageOf<MallItem>>(`/malls/${mall}/items?limit=50`),
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const key = useIdempotencyKey('mall');
  const redeem = async (i: MallItem) => {
    setMessage(null);
    try {
      const r = await api<Redemption>('/me/mall/redemptions', {
        method: 'POST',
        body: { itemId: i.id, quantity: 1 },
        idempotencyKey: key.for({ itemId: i.id, quantity: 1 }),
      });
      key.succeeded();
      setMessage({
        ok: true,
        text: t(
          `兑换成功：${r.itemName}（订单 ${r.orderNo}）`,
          `Redeemed ${r.itemName} (order ${r.orderNo})`,
        ),
      });
      await qc.invalidateQueries({ queryKey: ['mall'] });
      await qc.invalidateQueries({ queryKey: ['wallet'] });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, locale) });
    }
  };
  return (
    <>
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={`card ${message.ok ? 'verify-ok' : 'verify-bad'}`}
        >
          {message.text}
        </p>
      )}
      <QueryView
        q={q}
        isEmpty={(d) => d.items.length === 0}
        empty={t('暂无商品', 'Nothing here yet')}
      >
        {(d) => (
          <>
            {d.items.map((i) => (
              <div key={i.id} className="card activity-card">
                {i.imageUrl ? (
                  <img className="thumb" src={i.imageUrl} alt="" style={{ objectFit: 'cover' }} />
                ) : (
                  <Thumb seed={i.id + 7} text={i.name} />
                )}
                <div style={{ flex: 1, minWidth: 0 }}>
                  <b>{i.name}</b>
                  {i.description && <div className="muted">{i.description}</div>}
                  <div className="price">{priceOf(i)}</div>
                  <div className="row">
                    <span className="muted">{t(`库存 ${i.stock}`, `${i.stock} left`)}</span>
                    <Button
                      size="small"
                      color="primary"
                      disabled={i.stock <= 0}
                      onClick={() =>
                        void Dialog.confirm({
                          content: t(
                            `用 ${priceOf(i)} 兑换「${i.name}」？`,
                            `Redeem ${i.name} for ${priceOf(i)}?`,
                          ),
                          confirmText: t('兑换', 'Redeem'),
                          cancelText: t('取消', 'Cancel'),
                        }).then((ok) => {
                          if (ok) void redeem(i);
                        })
                      }
                    >
                      {i.stock > 0 ? t('兑换', 'Redeem') : t('已兑完', 'Sold out')}
                    </Button>
                  </div>
                </div>
              </div>
            ))}
          </>
        )}
      </QueryView>
    </>
  );
}

export default function Malls() {
  const { t, pick } = useI18n();
  const wallet = useQuery({
    queryKey: ['wallet'],
    queryFn: () => api<{ balances: Balance[] }>('/me/wallet'),
  });
  const points =
    wallet.data?.balances.filter(
      (b) => b.asset === 'CONSUMPTION' || b.asset.startsWith('VOUCHER:'),
    ) ?? [];
  return (
    <Page title={t('商城', 'Malls')}>
      {points.length > 0 && (
        <div className="grid2" style={{ marginBottom: 12 }}>
          {points.map((b) => (
            <div key={b.asset} className="tile">
              <div className="muted">{pick(b.label)}</div>
              <div className="v">{formatPoints(b.balance)}</div>
            </div>
          ))}
        </div>
      )}
      <Tabs>
        <Tabs.Tab title={t('积分商城', 'Points mall')} key="points">
          <MallList mall="points" />
        </Tabs.Tab>
        <Tabs.Tab title={t('购物券专区', 'Voucher mall')} key="voucher">
          <MallList mall="voucher" />
        </Tabs.Tab>
      </Tabs>
    </Page>
  );
}
