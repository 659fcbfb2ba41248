/** Home (SPEC §3): price zones, each with its activities; banners for the blind box and the malls. */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Tag } from 'antd-mobile';
import { api } from '../lib/api';
import { useAssetName } from '../lib/config';
import { useI18n } from '../lib/i18n';
import { formatFen } from '../lib/money';
import { useToken } from '../lib/session';
import type { Activity } from '../lib/types';
import { Page } from '../components/Page';
import { QueryView } from '../components/states';
import { Thumb } from '../components/Thumb';

/** The zone's name: ¥99 区; large zones by 万. */
function zoneName(priceFen: number, t: (zh: string, en: string) => string): string {
  const yuan = Math.floor(priceFen / 100);
  if (yuan >= 10_000 && yuan % 10_000 === 0)
    return t(`${yuan / 10_000}万区`, `¥${yuan / 10_000}0k zone`);
  return t(
    `${formatFen(priceFen).replace(/\.00$/, '')} 区`,
    `${formatFen(priceFen).replace(/\.00$/, '')} zone`,
  );
}

export default function Home() {
  const { t, locale } = useI18n();
  const consumption = useAssetName()('CONSUMPTION');
  const token = useToken();
  const q = useQuery({
    queryKey: ['activities', token],
    queryFn: () => api<{ items: Activity[] }>('/activities'),
  });
  const [zone, setZone] = useState<number | 'all'>('all');
  const zones = useMemo(
    () => [...new Set((q.data?.items ?? []).map((a) => a.priceFen))].sort((a, b) => a - b),
    [q.data],
  );
  return (
    <Page title={t('全民拼购', 'Pingou')} back={false}>
      <div className="banners">
        <Link className="banner box" to="/blind-box">
          <b>{t('盲盒', 'Blind box')}</b>
          <span>{t('中奖即得，公开可验', 'Win one, open it, verify it')}</span>
        </Link>
        <Link className="banner mall" to="/mall">
          <b>{t('积分商城', 'Malls')}</b>
          <span>{t(`${consumption.zh} · 购物券`, `${consumption.en} · vouchers`)}</span>
        </Link>
      </div>
      <QueryView
        q={q}
        isEmpty={(d) => d.items.length === 0}
        empty={t('暂时没有进行中的活动', 'No activity is open right now')}
      >
        {(d) => (
          <>
            <div className="zone-tabs" role="toolbar" aria-label={t('价格专区', 'Price zones')}>
              <button type="button" aria-pressed={zone === 'all'} onClick={() => setZone('all')}>
                {t('全部', 'All')}
              </button>
              {zones.map((z) => (
                <button key={z} type="button" aria-pressed={zone === z} onClick={() => setZone(z)}>
                  {zoneName(z, t)}
                </button>
              ))}
            </div>
            {zones
              .filter((z) => zone === 'all' || zone === z)
              .map((z) => (
                <section key={z} aria-label={zoneName(z, t)}>
                  <h2 className="muted" style={{ margin: '4px 2px 8px', fontSize: 14 }}>
                    {zoneName(z, t)}
                  </h2>
                  {d.items
                    .filter((a) => a.priceFen === z)
                    .map((a) => (
                      <Link key={a.id} to={`/activity/${a.id}`} className="card activity-card">
                        <Thumb
                          seed={a.id}
                          text={a.options[0]?.name ?? a.name}
                          imageUrl={a.options[0]?.imageUrl}
                        />
                        <div style={{ minWidth: 0, flex: 1 }}>
                          <div style={{ fontWeight: 600 }}>{a.name}</div>
                          <div className="muted" style={{ margin: '4px 0' }}>
                            {locale === 'zh'
                              ? `${a.groupSize} 人成团 · ${a.winners} 人中奖`
                              : `${a.groupSize} per group · ${a.winners} win`}
                          </div>
                          <div className="row">
                            <span className="price">{formatFen(a.priceFen)}</span>
                            {a.isLargeZone && (
                              <Tag color="warning">{t('大额专区', 'Large zone')}</Tag>
                            )}
                          </div>
                        </div>
                      </Link>
                    ))}
                </section>
              ))}
          </>
        )}
      </QueryView>
    </Page>
  );
}
