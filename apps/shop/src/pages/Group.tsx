/**
 * A live group (SPEC §4–§5): seats filling in real time (server-sent events,
 * which every server relays from PostgreSQL), house seats marked 平台补位, the
 * seed commitment, the result the moment the group is full, and 验证公平 — the
 * browser recomputes the winners with the engine's own verifyDraw.
 */
import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ProgressBar, Tag } from 'antd-mobile';
import { Link, useParams, useSearchParams } from 'react-router';
import { drawWinners, verifyDraw } from '@pingou/engine';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useFormatTime } from '../lib/time';
import { useToken } from '../lib/session';
import type { Activity, GroupView, Seat } from '../lib/types';
import { Page } from '../components/Page';
import { QueryView } from '../components/states';

type Live = 'connecting' | 'live' | 'offline';

const STATUS: Record<GroupView['status'], { zh: string; en: string }> = {
  open: { zh: '拼团中', en: 'Filling' },
  full: { zh: '已满团，开奖中', en: 'Full, drawing' },
  drawn: { zh: '已开奖', en: 'Drawn' },
  failed: { zh: '成团失败，已全额退款', en: 'Failed, everyone refunded' },
  expired: { zh: '拼团超时，已全额退款', en: 'Timed out, everyone refunded' },
};

function useLiveGroup(groupId: string | undefined) {
  const qc = useQueryClient();
  const [live, setLive] = useState<Live>('connecting');
  useEffect(() => {
    if (!groupId) return;
    const es = new EventSource(`/api/v1/groups/${groupId}/events`);
    es.addEventListener('group', (ev) => {
      const view = JSON.parse((ev as MessageEvent<string>).data) as GroupView;
      // the stream is public: which seats are mine comes from the signed-in read
      qc.setQueryData<GroupView>(['group', groupId], (old) => {
        const mine = new Set(old?.seats.filter((s) => s.isMine).map((s) => s.seatNo));
        return { ...view, seats: view.seats.map((s) => ({ ...s, isMine: mine.has(s.seatNo) })) };
      });
      setLive('live');
    });
    es.onopen = () => setLive('live');
    es.onerror = () => setLive(es.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    return () => es.close();
  }, [groupId, qc]);
  return live;
}

/** R1 … R5 as the activity page names them. */
function ruleName(code: string, t: (zh: string, en: string) => string): string {
  const n = { R1: '一', R2: '二', R3: '三', R4: '四', R5: '五' }[code];
  return n ? t(`规则${n}`, `Rule ${code.slice(1)}`) : code;
}

function SeatTile({ s, t }: { s: Seat | undefined; t: (zh: string, en: string) => string }) {
  if (!s) return null;
  const cls = ['seat', 'taken', s.isHouse && 'house', s.isMine && 'mine', s.isWinner && 'winner']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-testid={`seat-${s.seatNo}`}>
      <span className="no">{s.seatNo}</span>
      <span className="ref">
        {s.isHouse
          ? t('平台补位', 'House seat')
          : s.isMine
            ? t('我', 'Me')
            : s.memberRef.slice(0, 6)}
      </span>
      {s.isWinner && <span>{t('中奖', 'Won')}</span>}
      {s.excludedBy && !s.isHouse && <span className="muted">{ruleName(s.excludedBy, t)}</span>}
    </div>
  );
}

export default function GroupPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, locale, pick } = useI18n();
  const token = useToken();
  const fmt = useFormatTime();
  const q = useQuery({
    queryKey: ['group', id],
    queryFn: () => api<GroupView>(`/groups/${id}`),
    staleTime: Infinity,
  });
  const live = useLiveGroup(id);
  const activity = useQuery({
    queryKey: ['activity', String(q.data?.activityId)],
    queryFn: () => api<Activity>(`/activities/${q.data!.activityId}`),
    enabled: q.data !== undefined,
  });
  const [verified, setVerified] = useState<
    { ok: true; winners: number[] } | { ok: false; problems: string[] } | null
  >(null);
  const mySeatFromJoin = Number(params.get('seat')) || null;

  const mine = useMemo(() => {
    const seats = q.data?.seats ?? [];
    return seats.filter(
      (s) =>
        s.isMine || (token && s.seatNo === mySeatFromJoin && !q.data?.seats.some((x) => x.isMine)),
    );
  }, [q.data, token, mySeatFromJoin]);

  const verify = (g: GroupView) => {
    if (!g.draw) return;
    const r = verifyDraw(g.draw);
    if (!r.ok) return setVerified(r);
    const again = drawWinners({
      serverSeedHex: g.draw.serverSeedHex,
      groupId: g.draw.groupId,
      winners: g.draw.winnersCount,
      conflictPolicy: g.draw.conflictPolicy,
      seats: g.draw.seats,
    });
    setVerified({ ok: true, winners: again.outcome === 'drawn' ? again.winners : [] });
  };

  return (
    <Page
      title={t('拼团详情', 'Group')}
      right={
        <Tag color={live === 'live' ? 'success' : 'default'} aria-live="polite">
          {live === 'live'
            ? t('实时', 'Live')
            : live === 'connecting'
              ? t('连接中', 'Connecting')
              : t('离线', 'Offline')}
        </Tag>
      }
    >
      <QueryView q={q}>
        {(g) => {
          const winners = g.draw?.winners ?? [];
          const isClosed = g.status !== 'open' && g.status !== 'full';
          return (
            <>
              <div className="card">
                <div className="row">
                  <h2 style={{ margin: 0 }}>
                    {activity.data ? activity.data.name : t(`第 ${g.id} 团`, `Group ${g.id}`)}
                  </h2>
                  <Tag
                    color={
                      g.status === 'drawn' ? 'danger' : g.status === 'open' ? 'primary' : 'default'
                    }
                  >
                    {pick(STATUS[g.status])}
                  </Tag>
                </div>
                <p className="muted">
                  {t(`团号 ${g.id} · 开团 `, `Group ${g.id} · opened `)}
                  {fmt(g.openedAt)}
                </p>
                <div className="row" style={{ marginBottom: 6 }}>
                  <span data-testid="seats-taken">
                    {locale === 'zh'
                      ? `已参团 ${g.seatsTaken} / ${g.groupSize} 人`
                      : `${g.seatsTaken} of ${g.groupSize} seats taken`}
                  </span>
                  {g.status === 'open' && (
                    <span className="muted">
                      {locale === 'zh'
                        ? `还差 ${g.groupSize - g.seatsTaken} 人`
                        : `${g.groupSize - g.seatsTaken} to go`}
                    </span>
                  )}
                </div>
                <ProgressBar percent={Math.round((g.seatsTaken / g.groupSize) * 100)} />
              </div>

              {g.status === 'drawn' && (
                <div className="card" role="status" data-testid="result">
                  {mine.length === 0 ? (
                    <h2 className="result-win">
                      {locale === 'zh'
                        ? `中奖座位：${winners.join('、')}`
                        : `Winning seats: ${winners.join(', ')}`}
                    </h2>
                  ) : mine.some((s) => winners.includes(s.seatNo)) ? (
                    <>
                      <h2 className="result-win">{t('🎉 恭喜中奖！', '🎉 You won!')}</h2>
                      <p>
                        {t(
                          '商品订单已生成，请到「我的订单」填写收货地址。',
                          'Your order is ready: give your address under My orders.',
                        )}{' '}
                        <Link className="inline-action" to="/me/orders">
                          {t('去填地址', 'Add address')}
                        </Link>
                      </p>
                    </>
                  ) : (
                    <>
                      <h2 className="result-lose">
                        {t(
                          '未中奖，参团款已退回零钱',
                          'Not this time: your payment is back in cash',
                        )}
                      </h2>
                      <p className="muted">
                        {t(
                          '另有零钱奖励，详见钱包明细。',
                          'A bonus was added too; see your wallet.',
                        )}
                      </p>
                    </>
                  )}
                  {mine.length > 0 && (
                    <p className="muted" style={{ marginBottom: 0 }}>
                      {locale === 'zh'
                        ? `中奖座位：${winners.join('、')}；我的座位：${mine.map((s) => s.seatNo).join('、')}`
                        : `Winning seats: ${winners.join(', ')}; mine: ${mine.map((s) => s.seatNo).join(', ')}`}
                    </p>
                  )}
                </div>
              )}
              {isClosed && g.status !== 'drawn' && (
                <div className="card" role="status" data-testid="result">
                  <h2>{pick(STATUS[g.status])}</h2>
                </div>
              )}

              <div className="card">
                <h3>{t('座位', 'Seats')}</h3>
                <div className="seats">
                  {Array.from({ length: g.groupSize }, (_, i) => {
                    const s = g.seats.find((x) => x.seatNo === i + 1);
                    return s ? (
                      <SeatTile
                        key={i}
                        s={{ ...s, isMine: s.isMine || mine.some((m) => m.seatNo === s.seatNo) }}
                        t={t}
                      />
                    ) : (
                      <div key={i} className="seat" data-testid={`seat-${i + 1}`}>
                        <span className="no">{i + 1}</span>
                        <span className="muted">{t('虚位以待', 'Empty')}</span>
                      </div>
                    );
                  })}
                </div>
                <div className="legend muted">
                  <span>
                    <i className="dot mine" />
                    {t('我的座位', 'Mine')}
                  </span>
                  <span>
                    <i className="dot winner" />
                    {t('中奖', 'Won')}
                  </span>
                  <span>
                    <i className="dot house" />
                    {t('平台补位', 'House seat')}
                  </span>
                </div>
                <p className="muted" style={{ marginBottom: 0 }}>
                  {t(
                    '平台补位的座位不参与中奖，也不产生任何奖励。座位下方的「规则」表示该座位本次因哪条公开规则不能中奖。',
                    'House seats (平台补位) never win and earn nothing. A rule under a seat is the published rule that kept it from winning this draw.',
                  )}
                </p>
              </div>

              <div className="card stack">
                <h3>{t('公平开奖', 'Fair draw')}</h3>
                <div>
                  <div className="muted">
                    {t('服务器种子承诺（SHA-256）', 'Server seed commitment (SHA-256)')}
                  </div>
                  <div className="mono" data-testid="commitment">
                    {g.commitment}
                  </div>
                </div>
                {g.draw ? (
                  <>
                    <div>
                      <div className="muted">{t('公开的服务器种子', 'Revealed server seed')}</div>
                      <div className="mono">{g.draw.serverSeedHex}</div>
                    </div>
                    <div>
                      <div className="muted">{t('开奖随机数', 'Randomness')}</div>
                      <div className="mono">{g.draw.randomnessHex}</div>
                    </div>
                    <Button block color="primary" fill="outline" onClick={() => verify(g)}>
                      {t('验证公平', 'Verify fairness')}
                    </Button>
                    {verified && (
                      <div role="status" data-testid="verify-result">
                        {verified.ok ? (
                          <p className="verify-ok">
                            {locale === 'zh'
                              ? `✔ 验证通过：本机重新计算的中奖座位为 ${verified.winners.join('、') || '无'}，与公布结果一致。`
                              : `✔ Verified: this phone recomputed winning seats ${verified.winners.join(', ') || 'none'}, matching the published result.`}
                          </p>
                        ) : (
                          <>
                            <p className="verify-bad">
                              {t('✘ 验证不通过', '✘ Verification failed')}
                            </p>
                            <ul className="plain">
                              {verified.problems.map((p) => (
                                <li key={p}>{p}</li>
                              ))}
                            </ul>
                          </>
                        )}
                        <p className="muted" style={{ marginBottom: 0 }}>
                          {t(
                            '计算在你的浏览器中完成，与服务器使用同一份代码（pingou-draw-v1）。',
                            'Computed in your browser with the same code as the server (pingou-draw-v1).',
                          )}
                        </p>
                      </div>
                    )}
                  </>
                ) : (
                  <p className="muted" style={{ margin: 0 }}>
                    {t(
                      '满团后立即开奖并公开服务器种子，届时可在此验证。',
                      'When the group is full the seed is revealed and you can verify here.',
                    )}
                  </p>
                )}
              </div>
              {activity.data && g.status !== 'open' && (
                <Link to={`/activity/${g.activityId}`}>
                  <Button block color="primary">
                    {t('再来一单', 'Join again')}
                  </Button>
                </Link>
              )}
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
