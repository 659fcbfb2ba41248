/**
 * Withdrawal (SPEC §8): the minimum, the fee and what arrives are quoted by the
 * server (/me/withdrawals/quote) and shown before confirming; below the minimum
 * or above the cash the reason is shown and the request cannot be sent.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Input, List, Tag } from 'antd-mobile';
import { api, useIdempotencyKey } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatFen, parseYuan } from '../lib/money';
import { useFormatTime } from '../lib/time';
import type { Page as PageOf, Withdrawal, WithdrawalQuote } from '../lib/types';
import { Page } from '../components/Page';
import { errorText, QueryView } from '../components/states';

const STATUS: Record<Withdrawal['status'], { zh: string; en: string }> = {
  requested: { zh: '审核中', en: 'Under review' },
  approved: { zh: '已通过', en: 'Approved' },
  paying: { zh: '打款中', en: 'Paying' },
  paid: { zh: '已到账', en: 'Paid' },
  rejected: { zh: '已驳回（已退回）', en: 'Rejected (returned)' },
  failed: { zh: '打款失败（已退回）', en: 'Failed (returned)' },
};

function percent(bp: number) {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

export default function Withdraw() {
  const { t, locale, pick } = useI18n();
  const fmt = useFormatTime();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [account, setAccount] = useState('');
  const [debounced, setDebounced] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Withdrawal | null>(null);
  const key = useIdempotencyKey('withdraw');
  const amountFen = parseYuan(text);

  useEffect(() => {
    const h = setTimeout(() => setDebounced(amountFen && amountFen > 0 ? amountFen : null), 250);
    return () => clearTimeout(h);
  }, [amountFen]);

  const quote = useQuery({
    queryKey: ['withdraw-quote', debounced],
    queryFn: () => api<WithdrawalQuote>(`/me/withdrawals/quote?amountFen=${debounced}`),
    enabled: debounced !== null,
  });
  // the rules (minimum, fee) before any amount is typed
  const rules = useQuery({
    queryKey: ['withdraw-quote', 'rules'],
    queryFn: () => api<WithdrawalQuote>('/me/withdrawals/quote?amountFen=1'),
  });
  const list = useQuery({
    queryKey: ['withdrawals'],
    queryFn: () => api<PageOf<Withdrawal>>('/me/withdrawals?limit=20'),
  });

  const qd = debounced === amountFen ? quote.data : undefined;
  const reason = qd
    ? qd.isBelowMinimum
      ? t(
          `低于最低提现金额 ${formatFen(qd.minimumFen)}`,
          `Below the minimum of ${formatFen(qd.minimumFen)}`,
        )
      : qd.isAboveCash
        ? t(
            `超出可提现零钱 ${formatFen(qd.cashFen)}`,
            `More than your cash of ${formatFen(qd.cashFen)}`,
          )
        : null
    : null;
  const accountOk = /^[A-Za-z0-9_.:@-]{1,64}$/.test(account.trim());
  const canConfirm = qd !== undefined && reason === null && accountOk;

  const submit = async () => {
    if (!qd) return;
    setBusy(true);
    setError(null);
    try {
      const w = await api<Withdrawal>('/me/withdrawals', {
        method: 'POST',
        body: { amountFen: qd.amountFen, accountRef: account.trim() },
        idempotencyKey: key.for({ amountFen: qd.amountFen, accountRef: account.trim() }),
      });
      key.succeeded();
      setDone(w);
      setText('');
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      await qc.invalidateQueries({ queryKey: ['withdrawals'] });
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const r = rules.data;
  return (
    <Page title={t('提现', 'Withdraw')} back="/wallet">
      <div className="card stack">
        {r && (
          <p className="muted" style={{ margin: 0 }} data-testid="withdraw-rules">
            {locale === 'zh'
              ? `可提现零钱 ${formatFen(r.cashFen)} · 最低 ${formatFen(r.minimumFen)} · 手续费 ${r.rules.fee.kind === 'rate' ? percent(r.rules.fee.bp) : '按金额分档'}`
              : `Cash ${formatFen(r.cashFen)} · minimum ${formatFen(r.minimumFen)} · fee ${r.rules.fee.kind === 'rate' ? percent(r.rules.fee.bp) : 'by tier'}`}
          </p>
        )}
        <label className="field-label">{t('提现金额（元）', 'Amount (yuan)')}</label>
        <Input
          aria-label={t('提现金额（元）', 'Amount (yuan)')}
          inputMode="decimal"
          placeholder={t('提现金额（元）', 'Amount (yuan)')}
          value={text}
          onChange={setText}
          clearable
        />
        <label className="field-label">{t('收款账户', 'Payee account')}</label>
        <Input
          aria-label={t('收款账户', 'Payee account')}
          placeholder={t('收款账户（如微信 openid）', 'Payee account (e.g. WeChat openid)')}
          value={account}
          onChange={setAccount}
          clearable
        />
        {text && !amountFen && (
          <p className="verify-bad">{t('请输入正确的金额', 'Enter a valid amount')}</p>
        )}
        {qd && (
          <div className="stack" data-testid="withdraw-quote">
            <div className="row">
              <span>{t('手续费', 'Fee')}</span>
              <span>
                {formatFen(qd.feeFen)}（{percent(qd.feeBp)}）
              </span>
            </div>
            <div className="row">
              <span>{t('实际到账', 'You receive')}</span>
              <b className="price">{formatFen(qd.payoutFen)}</b>
            </div>
          </div>
        )}
        {reason && (
          <p role="alert" className="verify-bad" data-testid="withdraw-reason">
            {reason}
          </p>
        )}
        <Button
          block
          color="primary"
          size="large"
          disabled={!canConfirm}
          onClick={() => setConfirming(true)}
        >
          {t('提现', 'Withdraw')}
        </Button>
        {error && (
          <p role="alert" className="verify-bad">
            {error}
          </p>
        )}
        {done && (
          <p role="status" className="verify-ok">
            {t(
              `已提交提现 ${formatFen(done.amountFen)}，等待审核。`,
              `Withdrawal of ${formatFen(done.amountFen)} requested; awaiting review.`,
            )}
          </p>
        )}
      </div>

      <h3 style={{ margin: '4px 2px 8px', fontSize: 15 }}>{t('提现记录', 'My withdrawals')}</h3>
      <QueryView
        q={list}
        isEmpty={(d) => d.items.length === 0}
        empty={t('暂无提现记录', 'No withdrawals yet')}
      >
        {(d) => (
          <List>
            {d.items.map((w) => (
              <List.Item
                key={w.withdrawalNo}
                description={`${fmt(w.createdAt)} · ${t('手续费', 'fee')} ${formatFen(w.feeFen)}${w.reason ? ` · ${w.reason}` : ''}`}
                extra={
                  <Tag
                    color={
                      w.status === 'paid'
                        ? 'success'
                        : w.status === 'requested'
                          ? 'primary'
                          : 'default'
                    }
                  >
                    {pick(STATUS[w.status])}
                  </Tag>
                }
              >
                {formatFen(w.amountFen)}
              </List.Item>
            ))}
          </List>
        )}
      </QueryView>

      <Dialog
        visible={confirming && qd !== undefined}
        title={t('确认提现', 'Confirm withdrawal')}
        content={
          qd && (
            <div className="stack">
              <div className="row">
                <span>{t('提现金额', 'Amount')}</span>
                <b>{formatFen(qd.amountFen)}</b>
              </div>
              <div className="row">
                <span>{t('手续费', 'Fee')}</span>
                <span>{formatFen(qd.feeFen)}</span>
              </div>
              <div className="row">
                <span>{t('实际到账', 'You receive')}</span>
                <b className="price">{formatFen(qd.payoutFen)}</b>
              </div>
              <p className="muted" style={{ margin: 0 }}>
                {t(
                  '提交后资金冻结，审核通过后打款；驳回则原数退回零钱。',
                  'The amount is held until review; a rejection returns it to your cash.',
                )}
              </p>
            </div>
          )
        }
        actions={[
          [
            { key: 'c', text: t('取消', 'Cancel'), onClick: () => setConfirming(false) },
            {
              key: 'ok',
              text: t('确认提现', 'Confirm'),
              bold: true,
              disabled: busy,
              onClick: () => void submit(),
            },
          ],
        ]}
      />
    </Page>
  );
}
