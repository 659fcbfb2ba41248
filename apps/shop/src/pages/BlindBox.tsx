/**
 * Blind boxes (SPEC §9): a ticket per win in an activity with a blind box. The
 * commitment is shown before opening; the member adds a client seed; the
 * result is verified in the browser by the engine's verifyBlindBox.
 */
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Tag } from 'antd-mobile';
import { verifyBlindBox, type PublishedBlindBox } from '@pingou/engine';
import { api, newIdempotencyKey } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatFen } from '../lib/money';
import { useFormatTime } from '../lib/time';
import type { Page as PageOf, Ticket } from '../lib/types';
import { Page } from '../components/Page';
import { errorText, QueryView } from '../components/states';
import { CLIENT_SEED, newClientSeed } from '../components/forms';

function TicketCard({ ticket }: { ticket: Ticket }) {
  const { t, locale } = useI18n();
  const fmt = useFormatTime();
  const qc = useQueryClient();
  const initial = useMemo(() => newClientSeed(), []);
  const [seed, setSeed] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/me/blind-box/tickets/${encodeURIComponent(ticket.ticketKey)}/open`, {
        method: 'POST',
        body: { clientSeed: seed },
        idempotencyKey: newIdempotencyKey('box'),
      });
      await qc.invalidateQueries({ queryKey: ['tickets'] });
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };
  const r = ticket.result;
  return (
    <div className="card stack">
      <div className="row">
        <b>{t(`团 ${ticket.groupId} 的盲盒`, `Box from group ${ticket.groupId}`)}</b>
        <Tag color={r ? 'success' : 'warning'}>
          {r ? t('已开启', 'Opened') : t('待开启', 'To open')}
        </Tag>
      </div>
      <div className="muted">{fmt(ticket.createdAt)}</div>
      <div>
        <div className="muted">
          {t('承诺值（开启前已固定）', 'Commitment (fixed before opening)')}
        </div>
        <div className="mono">{ticket.commitment}</div>
      </div>
      {r ? (
        <>
          <h3 className="result-win" style={{ margin: 0 }}>
            {t('获得', 'Won')}: {r.prize.name}（{formatFen(r.prize.valueFen)}）
          </h3>
          <Button
            block
            fill="outline"
            color="primary"
            onClick={() => {
              const v = verifyBlindBox(r.published as PublishedBlindBox);
              setCheck(
                v.ok
                  ? t(
                      '✔ 验证通过：本机重新计算的奖品与公布一致。',
                      '✔ Verified: this phone recomputed the same prize.',
                    )
                  : `✘ ${v.problems.join('; ')}`,
              );
            }}
          >
            {t('验证公平', 'Verify fairness')}
          </Button>
          {check && <p className={check.startsWith('✔') ? 'verify-ok' : 'verify-bad'}>{check}</p>}
        </>
      ) : (
        <>
          <Input
            aria-label={t('客户端种子', 'Client seed')}
            value={seed}
            onChange={setSeed}
            className="mono"
            maxLength={64}
          />
          <Button
            block
            color="primary"
            loading={busy}
            disabled={!CLIENT_SEED.test(seed)}
            onClick={() => void open()}
          >
            {t('开启盲盒', 'Open the box')}
          </Button>
        </>
      )}
      {error && (
        <p role="alert" className="verify-bad">
          {error}
        </p>
      )}
    </div>
  );
}

export default function BlindBox() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['tickets'],
    queryFn: () => api<PageOf<Ticket>>('/me/blind-box/tickets?limit=50'),
  });
  return (
    <Page title={t('我的盲盒', 'Blind boxes')}>
      <QueryView
        q={q}
        isEmpty={(d) => d.items.length === 0}
        empty={t(
          '还没有盲盒：在带盲盒的活动中中奖即可获得',
          'No boxes yet: win in an activity with a blind box',
        )}
      >
        {(d) => (
          <>
            {d.items.map((tk) => (
              <TicketCard key={tk.ticketKey} ticket={tk} />
            ))}
          </>
        )}
      </QueryView>
    </Page>
  );
}
