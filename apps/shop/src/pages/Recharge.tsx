/**
 * Recharge (SPEC §8) through the payment provider. In development the sandbox
 * plays the provider: 沙箱支付 asks it to pay, and it sends the same signed
 * notification a real provider would; the wallet is credited from that.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Result } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api, useIdempotencyKey } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatFen, parseYuan } from '../lib/money';
import { useShopConfig } from '../lib/config';
import type { Recharge as RechargeOrder } from '../lib/types';
import { Page } from '../components/Page';
import { errorText } from '../components/states';

const PRESETS = [10_000, 50_000, 100_000, 500_000];

export default function Recharge() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { rechargeProviders } = useShopConfig();
  const [text, setText] = useState('100');
  const [order, setOrder] = useState<RechargeOrder | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useIdempotencyKey('recharge');
  const amountFen = parseYuan(text);
  const isSandbox = rechargeProviders.includes('sandbox');

  const create = async () => {
    if (!amountFen) return;
    setBusy(true);
    setError(null);
    try {
      const body = { amountFen, provider: isSandbox ? 'sandbox' : rechargeProviders[0] };
      const o = await api<RechargeOrder>('/me/recharges', {
        method: 'POST',
        body,
        idempotencyKey: key.for(body),
      });
      key.succeeded();
      setOrder(o);
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };

  const pay = async () => {
    if (!order) return;
    setBusy(true);
    setError(null);
    try {
      const o = await api<RechargeOrder>(`/sandbox/recharges/${order.outTradeNo}/pay`, {
        method: 'POST',
      });
      setOrder(o);
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      await qc.invalidateQueries({ queryKey: ['wallet-history'] });
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };

  if (order?.status === 'paid')
    return (
      <Page title={t('充值', 'Recharge')} back="/wallet">
        <Result
          status="success"
          title={t('充值成功', 'Recharge complete')}
          description={`${formatFen(order.amountFen)} · ${order.outTradeNo}`}
        />
        <Button block color="primary" size="large" onClick={() => navigate('/wallet')}>
          {t('返回钱包', 'Back to wallet')}
        </Button>
      </Page>
    );

  return (
    <Page title={t('充值', 'Recharge')} back="/wallet">
      {!order ? (
        <div className="card stack">
          <h3>{t('充值金额（元）', 'Amount (yuan)')}</h3>
          <div className="grid2">
            {PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                className="option"
                aria-checked={amountFen === p}
                role="radio"
                onClick={() => setText(String(p / 100))}
              >
                <b>{formatFen(p)}</b>
              </button>
            ))}
          </div>
          <Input
            aria-label={t('充值金额', 'Amount')}
            inputMode="decimal"
            value={text}
            onChange={setText}
            placeholder={t('其他金额', 'Other amount')}
            clearable
          />
          {text && !amountFen && (
            <p className="verify-bad">{t('请输入正确的金额', 'Enter a valid amount')}</p>
          )}
          <Button
            block
            color="primary"
            size="large"
            disabled={!amountFen}
            loading={busy}
            onClick={() => void create()}
          >
            {amountFen
              ? t(`充值 ${formatFen(amountFen)}`, `Recharge ${formatFen(amountFen)}`)
              : t('充值', 'Recharge')}
          </Button>
        </div>
      ) : (
        <div className="card stack">
          <h3>{t('待支付', 'Awaiting payment')}</h3>
          <div className="row">
            <span>{t('金额', 'Amount')}</span>
            <b className="price">{formatFen(order.amountFen)}</b>
          </div>
          <div className="row">
            <span>{t('订单号', 'Order no.')}</span>
            <span className="mono">{order.outTradeNo}</span>
          </div>
          {isSandbox ? (
            <>
              <p className="muted">
                {t(
                  '开发环境：由沙箱支付代替微信支付，支付后会收到与真实渠道相同的签名通知。',
                  'Development: the sandbox stands in for WeChat Pay and sends the same signed notification.',
                )}
              </p>
              <Button block color="primary" size="large" loading={busy} onClick={() => void pay()}>
                {t('沙箱支付', 'Pay (sandbox)')}
              </Button>
            </>
          ) : (
            <p className="muted">
              {t('请在支付渠道中完成付款。', 'Complete the payment with the provider.')}
            </p>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="verify-bad card">
          {error}
        </p>
      )}
    </Page>
  );
}
