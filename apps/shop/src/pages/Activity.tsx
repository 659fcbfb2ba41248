/**
 * An activity (SPEC §3–§5): its options, group size and winners, what a winner
 * and a loser receive, and every active eligibility rule in plain words — all
 * before joining. Joining confirms the cash to be held and sends a client seed
 * drawn by the browser (editable under 高级).
 */
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Collapse, Dialog, Input } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { api, useIdempotencyKey } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatFen } from '../lib/money';
import { useToken } from '../lib/session';
import type { Activity, Balance, JoinReply } from '../lib/types';
import { loginPath, Page } from '../components/Page';
import { errorText, QueryView } from '../components/states';
import { Thumb } from '../components/Thumb';
import { CLIENT_SEED, newClientSeed } from '../components/forms';

export default function ActivityPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const token = useToken();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['activity', id],
    queryFn: () => api<Activity>(`/activities/${id}`),
  });
  const wallet = useQuery({
    queryKey: ['wallet'],
    queryFn: () => api<{ balances: Balance[] }>('/me/wallet'),
    enabled: token !== null,
  });
  const cash = wallet.data?.balances.find((b) => b.asset === 'CASH')?.balance;
  const [optionId, setOptionId] = useState<number | null>(null);
  const initialSeed = useMemo(() => newClientSeed(), []);
  const [clientSeed, setClientSeed] = useState(initialSeed);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // a retry of the same join after a network error reuses its key: it cannot take two seats
  const joinKey = useIdempotencyKey('join');

  const join = async (a: Activity) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<JoinReply>(`/activities/${a.id}/join`, {
        method: 'POST',
        body: { optionId: optionId ?? a.options[0]!.id, clientSeed },
        idempotencyKey: joinKey.for({
          activityId: a.id,
          optionId: optionId ?? a.options[0]!.id,
          clientSeed,
        }),
      });
      joinKey.succeeded();
      setConfirming(false);
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      navigate(`/group/${r.groupId}?seat=${r.seatNo}`);
    } catch (e) {
      setError(errorText(e, locale));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('活动详情', 'Activity')}>
      <QueryView q={q}>
        {(a) => {
          const rules = locale === 'zh' ? a.rules.zh : a.rules.en;
          const choosable = a.options.filter((o) => !o.soldOut);
          const chosen =
            optionId !== null && choosable.some((o) => o.id === optionId)
              ? optionId
              : choosable.length === 1 && a.options.length === 1
                ? choosable[0]!.id
                : null;
          const seedOk = CLIENT_SEED.test(clientSeed);
          return (
            <>
              <div className="card">
                <h2>{a.name}</h2>
                {a.description && <p className="muted">{a.description}</p>}
                <div className="row">
                  <span className="price" style={{ fontSize: 22 }}>
                    {formatFen(a.priceFen)}
                  </span>
                  <span>
                    {locale === 'zh'
                      ? `${a.groupSize} 人成团 · ${a.winners} 人中奖`
                      : `${a.groupSize} per group · ${a.winners} win`}
                  </span>
                </div>
                <p style={{ marginBottom: 0 }}>{rules.game}</p>
                {a.dailyJoinLimit !== null && (
                  <p className="muted" style={{ marginBottom: 0 }}>
                    {t(
                      `每人每天最多参团 ${a.dailyJoinLimit} 次`,
                      `At most ${a.dailyJoinLimit} joins a day`,
                    )}
                  </p>
                )}
              </div>

              <div className="card">
                <h3>{t('选择商品（只能选其一）', 'Choose one option')}</h3>
                <div className="options" role="radiogroup" aria-label={t('商品', 'Options')}>
                  {a.options.map((o) => (
                    <button
                      key={o.id}
                      type="button"
                      role="radio"
                      className="option"
                      aria-checked={chosen === o.id}
                      disabled={o.soldOut}
                      onClick={() => setOptionId(o.id)}
                    >
                      <Thumb
                        seed={a.id * 10 + o.id}
                        text={o.name}
                        kind={o.kind}
                        imageUrl={o.imageUrl}
                      />
                      <div style={{ fontWeight: 600 }}>{o.name}</div>
                      <div className="price">{formatFen(a.priceFen)}</div>
                      {o.soldOut ? (
                        <div className="muted">{t('已售罄', 'Sold out')}</div>
                      ) : typeof o.remaining === 'number' ? (
                        <div className="muted">
                          {t(`剩余 ${o.remaining} 件`, `${o.remaining} left`)}
                        </div>
                      ) : null}
                    </button>
                  ))}
                </div>
              </div>

              <div className="card stack">
                <h3>{t('中奖得到', 'A winner receives')}</h3>
                <ul className="plain">
                  {rules.winner.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
                <h3>{t('未中奖得到', 'A non-winner receives')}</h3>
                <ul className="plain">
                  {rules.loser.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </div>

              <div className="card stack" aria-label={t('开奖规则', 'Draw rules')}>
                <h3>{t('开奖规则（公开，可验证）', 'Draw rules (public, verifiable)')}</h3>
                {rules.eligibility.length === 0 ? (
                  <p className="muted">
                    {t('所有真实会员均可中奖。', 'Every real member can win.')}
                  </p>
                ) : (
                  <ul className="plain">
                    {rules.eligibility.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                )}
                <p className="muted">
                  {t(
                    '平台补位的座位永远不会中奖。开团时公布服务器种子的承诺值，满团后公开种子，任何人都能验证结果。',
                    'House seats (平台补位) never win. The server seed’s commitment is published when a group opens and the seed after the draw, so anyone can check the result.',
                  )}
                </p>
                {rules.everySeat.length > 0 && (
                  <>
                    <h3>{t('每个座位', 'Every seat')}</h3>
                    <ul className="plain">
                      {rules.everySeat.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  </>
                )}
              </div>

              <Collapse>
                <Collapse.Panel
                  key="advanced"
                  title={t('高级：客户端种子', 'Advanced: client seed')}
                >
                  <p className="muted" style={{ marginTop: 0 }}>
                    {t(
                      '浏览器随机生成的种子会参与开奖随机数计算，你也可以改成自己的（字母、数字和 ._~-，最多 64 位）。',
                      'A seed your browser drew at random goes into the draw; you may type your own (letters, digits, ._~-, up to 64).',
                    )}
                  </p>
                  <Input
                    aria-label={t('客户端种子', 'Client seed')}
                    value={clientSeed}
                    onChange={setClientSeed}
                    maxLength={64}
                    className="mono"
                  />
                  {!seedOk && (
                    <p className="verify-bad">
                      {t('种子只能包含字母、数字和 ._~-', 'Letters, digits and ._~- only')}
                    </p>
                  )}
                </Collapse.Panel>
              </Collapse>

              {error && (
                <p role="alert" className="verify-bad card">
                  {error}
                </p>
              )}
              <div className="join-bar">
                <Button
                  block
                  color="primary"
                  size="large"
                  disabled={chosen === null || !seedOk}
                  onClick={() =>
                    token ? setConfirming(true) : navigate(loginPath(`/activity/${a.id}`))
                  }
                >
                  {chosen === null
                    ? t('请先选择商品', 'Choose an option first')
                    : t(`立即参团 ${formatFen(a.priceFen)}`, `Join for ${formatFen(a.priceFen)}`)}
                </Button>
              </div>

              <Dialog
                visible={confirming}
                title={t('确认参团', 'Confirm join')}
                content={
                  <div className="stack">
                    <p style={{ margin: 0 }}>
                      {t('将从零钱冻结', 'Cash to be held')}:{' '}
                      <b className="price">{formatFen(a.priceFen)}</b>
                    </p>
                    <p className="muted" style={{ margin: 0 }}>
                      {t('当前零钱', 'Cash now')}: {cash === undefined ? '…' : formatFen(cash)}
                    </p>
                    <p className="muted" style={{ margin: 0 }}>
                      {t(
                        `满 ${a.groupSize} 人立即开奖；未中奖全额退回零钱并获得奖励。`,
                        `Drawn the moment ${a.groupSize} have joined; if you do not win the cash comes back with a bonus.`,
                      )}
                    </p>
                    <p className="muted mono" style={{ margin: 0 }}>
                      {t('客户端种子', 'Client seed')}: {clientSeed || '—'}
                    </p>
                  </div>
                }
                actions={[
                  [
                    {
                      key: 'cancel',
                      text: t('取消', 'Cancel'),
                      onClick: () => setConfirming(false),
                    },
                    {
                      key: 'ok',
                      text: busy ? t('提交中…', 'Joining…') : t('确认参团', 'Join'),
                      bold: true,
                      disabled: busy,
                      onClick: () => void join(a),
                    },
                  ],
                ]}
              />
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
