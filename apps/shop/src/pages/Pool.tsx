/**
 * The points pool (SPEC §7): balances, today's window (in / out, until when),
 * transfers into the pool in whole hundreds, and last month's dividend. A
 * transfer the window forbids still goes to the server, which answers why.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Segmented, Tag } from 'antd-mobile';
import { api, useIdempotencyKey } from '../lib/api';
import { useAssetName } from '../lib/config';
import { useI18n } from '../lib/i18n';
import { formatFen, formatPoints } from '../lib/money';
import { useFormatTime } from '../lib/time';
import type { LastDividend, PoolStatus } from '../lib/types';
import { Page } from '../components/Page';
import { errorText, QueryView } from '../components/states';

const PHASE = {
  in_out: { zh: '可转入、可转出', en: 'In and out' },
  in_only: { zh: '只可转入', en: 'In only' },
  frozen: { zh: '冻结期，不可转入转出', en: 'Frozen: no transfers' },
};

export default function Pool() {
  const { t, locale, pick } = useI18n();
  // the point kinds' names are operator settings (SPEC §2)
  const assetName = useAssetName();
  const pool = assetName('POOL');
  const dividend = assetName('DIVIDEND');
  const fmt = useFormatTime();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['pool'], queryFn: () => api<PoolStatus>('/me/pool') });
  const div = useQuery({
    queryKey: ['pool-dividend'],
    queryFn: () => api<LastDividend>('/me/pool/last-dividend'),
  });
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [text, setText] = useState('100');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const key = useIdempotencyKey('pool');
  // points are typed whole; the API counts hundredths
  const points = /^\d{1,9}$/.test(text) ? Number(text) : null;
  const isWholeHundred = points !== null && points > 0 && points % 100 === 0;
  const canSend = points !== null && points > 0 && (direction === 'out' || isWholeHundred);

  const send = async () => {
    if (!canSend) return;
    setBusy(true);
    setMessage(null);
    try {
      await api('/me/pool/transfers', {
        method: 'POST',
        body: { direction, amount: points! * 100 },
        idempotencyKey: key.for({ direction, amount: points! * 100 }),
      });
      key.succeeded();
      setMessage({
        ok: true,
        text:
          direction === 'in'
            ? t(`已转入${pool.zh}`, `Moved into ${pool.en}`)
            : t(`已转出${pool.zh}`, `Moved out of ${pool.en}`),
      });
      await qc.invalidateQueries({ queryKey: ['pool'] });
      await qc.invalidateQueries({ queryKey: ['wallet'] });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, locale) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={pick(pool)}>
      <QueryView q={q}>
        {(p) => (
          <>
            <div className="hero">
              <div className="muted">
                {t(`${pool.zh}（参与月分红）`, `${pool.en} (shares the monthly dividend)`)}
              </div>
              <div className="big" data-testid="pool-balance">
                {formatPoints(p.pool)}
              </div>
              <div className="muted">
                {t(`钱包${dividend.zh}`, `${dividend.en} in wallet`)}: {formatPoints(p.dividend)}
              </div>
            </div>
            <div className="card stack" data-testid="pool-window">
              <div className="row">
                <h3 style={{ margin: 0 }}>{t('今日窗口', "Today's window")}</h3>
                <Tag color={p.window.phase === 'frozen' ? 'default' : 'success'}>
                  {pick(PHASE[p.window.phase])}
                </Tag>
              </div>
              <div className="row">
                <span>{t('转入', 'Move in')}</span>
                <span>{p.window.canTransferIn ? t('✔ 可以', '✔ Yes') : t('✘ 不可以', '✘ No')}</span>
              </div>
              <div className="row">
                <span>{t('转出', 'Move out')}</span>
                <span>
                  {p.window.canTransferOut ? t('✔ 可以', '✔ Yes') : t('✘ 不可以', '✘ No')}
                </span>
              </div>
              <div className="muted">
                {t('本阶段截至', 'This phase ends')} {fmt(p.window.phaseEndsAt)}
              </div>
              <div className="muted">
                {locale === 'zh'
                  ? `每月 1–${p.settings.inOutUntilDay} 日可转入转出，${p.settings.inOutUntilDay + 1}–${p.settings.inOnlyUntilDay} 日只可转入，${p.settings.inOnlyUntilDay + 1} 日至月底冻结。转入须为整百积分。`
                  : `Days 1–${p.settings.inOutUntilDay}: in and out; ${p.settings.inOutUntilDay + 1}–${p.settings.inOnlyUntilDay}: in only; from ${p.settings.inOnlyUntilDay + 1} to month end: frozen. Moves in are whole hundreds.`}
              </div>
            </div>
            <div className="card stack">
              <Segmented
                block
                value={direction}
                onChange={(v) => setDirection(v as 'in' | 'out')}
                options={[
                  { label: t(`转入${pool.zh}`, `Into ${pool.en}`), value: 'in' },
                  { label: t('转出到钱包', 'Out to wallet'), value: 'out' },
                ]}
              />
              <Input
                aria-label={t('积分数量', 'Points')}
                inputMode="numeric"
                value={text}
                onChange={setText}
                placeholder={t('积分（整百）', 'Points (whole hundreds)')}
                clearable
              />
              {direction === 'in' && points !== null && !isWholeHundred && (
                <p className="verify-bad">
                  {t('转入须为整百积分，如 100、200', 'Whole hundreds only, e.g. 100, 200')}
                </p>
              )}
              {!(direction === 'in' ? p.window.canTransferIn : p.window.canTransferOut) && (
                <p role="alert" className="verify-bad" data-testid="pool-closed">
                  {locale === 'zh'
                    ? `今日（${p.window.today}）处于「${PHASE[p.window.phase].zh}」，不能${direction === 'in' ? '转入' : '转出'}；本阶段至 ${fmt(p.window.phaseEndsAt)} 结束。`
                    : `Today (${p.window.today}) is "${PHASE[p.window.phase].en}": no moves ${direction}. This phase ends ${fmt(p.window.phaseEndsAt)}.`}
                </p>
              )}
              <Button
                block
                color="primary"
                size="large"
                disabled={
                  !canSend ||
                  !(direction === 'in' ? p.window.canTransferIn : p.window.canTransferOut)
                }
                loading={busy}
                onClick={() => void send()}
              >
                {direction === 'in' ? t('确认转入', 'Move in') : t('确认转出', 'Move out')}
              </Button>
              {message && (
                <p
                  role={message.ok ? 'status' : 'alert'}
                  className={message.ok ? 'verify-ok' : 'verify-bad'}
                  data-testid="pool-message"
                >
                  {message.text}
                </p>
              )}
            </div>
          </>
        )}
      </QueryView>
      <div className="card">
        <h3>{t('上月分红', "Last month's dividend")}</h3>
        <QueryView q={div}>
          {(d) => (
            <div className="row">
              <span>{d.period}</span>
              <span>
                {d.status === 'none'
                  ? t('尚未结算', 'Not settled yet')
                  : d.status === 'running'
                    ? t('发放中', 'Being paid')
                    : formatFen(d.amountFen)}
              </span>
            </div>
          )}
        </QueryView>
      </div>
    </Page>
  );
}
