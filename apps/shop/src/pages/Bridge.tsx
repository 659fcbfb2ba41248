/**
 * The chain bridge (对接区块链, SPEC §10): dividend points out to digital points
 * on the chain, and back. A conversion is held at once and confirmed or returned
 * when the bridge answers; each request carries an Idempotency-Key, so a retried
 * tap converts once.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Segmented, Tag } from 'antd-mobile';
import { api, useIdempotencyKey } from '../lib/api';
import { useAssetName } from '../lib/config';
import { useI18n } from '../lib/i18n';
import { formatPoints } from '../lib/money';
import { useFormatTime } from '../lib/time';
import type { Balance, Conversion, Page as Paged } from '../lib/types';
import { Page } from '../components/Page';
import { Empty, errorText, QueryView } from '../components/states';

const STATUS: Record<Conversion['status'], { zh: string; en: string; color: string }> = {
  pending: { zh: '待发送', en: 'Waiting', color: 'default' },
  sent: { zh: '链上处理中', en: 'On the chain', color: 'primary' },
  confirmed: { zh: '已完成', en: 'Done', color: 'success' },
  reversed: { zh: '已退回', en: 'Returned', color: 'warning' },
};

export default function Bridge() {
  const { t, locale, pick } = useI18n();
  // the point kinds' names are operator settings (SPEC §2)
  const assetName = useAssetName();
  const dividend = assetName('DIVIDEND');
  const digital = assetName('DIGITAL');
  const outward = t(`${dividend.zh} → ${digital.zh}`, `${dividend.en} → ${digital.en}`);
  const inward = t(`${digital.zh} → ${dividend.zh}`, `${digital.en} → ${dividend.en}`);
  const fmt = useFormatTime();
  const qc = useQueryClient();
  const wallet = useQuery({
    queryKey: ['wallet'],
    queryFn: () => api<{ balances: Balance[] }>('/me/wallet'),
  });
  const list = useQuery({
    queryKey: ['bridge-conversions'],
    queryFn: () => api<Paged<Conversion>>('/me/bridge/conversions?limit=20'),
    // a conversion on its way changes state when the bridge answers
    refetchInterval: (q) =>
      q.state.data?.items.some((c) => c.status === 'pending' || c.status === 'sent') ? 3000 : false,
  });
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const key = useIdempotencyKey('bridge');
  // points are typed with at most two decimals; the API counts hundredths
  const hundredths = /^\d{1,9}(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : null;
  const balanceOf = (asset: string) =>
    wallet.data?.balances.find((b) => b.asset === asset)?.balance ?? 0;
  const source = direction === 'out' ? 'DIVIDEND' : 'DIGITAL';
  const available = balanceOf(source);
  const tooMuch = hundredths !== null && hundredths > available;
  const canSend = hundredths !== null && hundredths > 0 && !tooMuch;

  const send = async () => {
    if (!canSend) return;
    setBusy(true);
    setMessage(null);
    try {
      await api('/me/bridge/conversions', {
        method: 'POST',
        body: { direction, amount: hundredths! },
        idempotencyKey: key.for({ direction, amount: hundredths! }),
      });
      key.succeeded();
      setMessage({
        ok: true,
        text: t(
          '已提交：积分已冻结，链上确认后到账；失败会原路退回。',
          'Sent: the points are held, and arrive once the chain confirms; a failure returns them.',
        ),
      });
      setText('');
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      await qc.invalidateQueries({ queryKey: ['bridge-conversions'] });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, locale) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('积分上链', 'Chain bridge')}>
      <div className="hero">
        <div className="row">
          <span className="muted">{pick(dividend)}</span>
          <span className="big" data-testid="bridge-dividend">
            {formatPoints(balanceOf('DIVIDEND'))}
          </span>
        </div>
        <div className="row">
          <span className="muted">{t(`${digital.zh}（链上）`, `${digital.en} (on chain)`)}</span>
          <span className="big" data-testid="bridge-digital">
            {formatPoints(balanceOf('DIGITAL'))}
          </span>
        </div>
      </div>
      <div className="card stack">
        <Segmented
          block
          value={direction}
          onChange={(v) => setDirection(v as 'out' | 'in')}
          options={[
            { label: outward, value: 'out' },
            { label: inward, value: 'in' },
          ]}
        />
        <label className="field-label" htmlFor="bridge-amount">
          {t(
            `数量（可用 ${formatPoints(available)}）`,
            `Amount (available ${formatPoints(available)})`,
          )}
        </label>
        <Input
          id="bridge-amount"
          aria-label={t('数量', 'Amount')}
          inputMode="decimal"
          value={text}
          onChange={setText}
          placeholder={t('积分数量', 'Points')}
          clearable
        />
        {tooMuch && (
          <p role="alert" className="verify-bad">
            {t('超过可用数量', 'More than you have')}
          </p>
        )}
        <Button
          block
          color="primary"
          size="large"
          disabled={!canSend}
          loading={busy}
          onClick={() => void send()}
        >
          {t('确认转换', 'Convert')}
        </Button>
        {message && (
          <p
            role={message.ok ? 'status' : 'alert'}
            className={message.ok ? 'verify-ok' : 'verify-bad'}
            data-testid="bridge-message"
          >
            {message.text}
          </p>
        )}
        <p className="muted">
          {t(
            '转换按 1:1 计，每一步都记入账本；链上失败的转换会全额退回。',
            'Conversions are 1:1 and every step is in the ledger; a conversion the chain refuses is returned in full.',
          )}
        </p>
      </div>
      <div className="card">
        <h3>{t('转换记录', 'Conversions')}</h3>
        <QueryView q={list}>
          {(p) =>
            p.items.length === 0 ? (
              <Empty>{t('还没有转换记录', 'No conversions yet')}</Empty>
            ) : (
              <div className="stack">
                {p.items.map((c) => (
                  <div key={c.conversionNo} className="row" data-testid="bridge-conversion">
                    <div>
                      <div>
                        {c.direction === 'out' ? outward : inward} {formatPoints(c.amount)}
                      </div>
                      <div className="muted">{c.conversionNo}</div>
                      <div className="muted">{fmt(c.createdAt)}</div>
                    </div>
                    <Tag color={STATUS[c.status].color}>{pick(STATUS[c.status])}</Tag>
                  </div>
                ))}
              </div>
            )
          }
        </QueryView>
      </div>
    </Page>
  );
}
