/**
 * My team (SPEC §1, §6): direct and indirect members, commissions by kind,
 * promoter validity, and the invite link with its QR code.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, List, Tag, Toast } from 'antd-mobile';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatAsset } from '../lib/money';
import { useFormatTime } from '../lib/time';
import type { Team, TeamSummary } from '../lib/types';
import { Page } from '../components/Page';
import { QueryView } from '../components/states';

function QrCode({ text }: { text: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((m) =>
      m.toDataURL(text, { margin: 1, width: 400 }).then((url) => live && setSrc(url)),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img className="qr" src={src} alt="QR" /> : <div className="qr" />;
}

export default function TeamPage() {
  const { t, locale, pick } = useI18n();
  const fmt = useFormatTime();
  const summary = useQuery({
    queryKey: ['team-summary'],
    queryFn: () => api<TeamSummary>('/me/team/summary'),
  });
  const team = useQuery({ queryKey: ['team'], queryFn: () => api<Team>('/me/team') });
  return (
    <Page title={t('我的团队', 'My team')}>
      <QueryView q={summary}>
        {(s) => {
          const link = `${window.location.origin}/register?invite=${s.inviteCode}`;
          return (
            <>
              <div className="card stack" style={{ textAlign: 'center' }}>
                <h3>{t('邀请好友', 'Invite friends')}</h3>
                <QrCode text={link} />
                <div className="mono" data-testid="invite-link">
                  {link}
                </div>
                <div>
                  {t('邀请码', 'Invite code')}: <b>{s.inviteCode}</b>
                </div>
                <Button
                  block
                  color="primary"
                  onClick={() =>
                    void navigator.clipboard
                      ?.writeText(link)
                      .then(() => Toast.show(t('已复制', 'Copied')))
                      .catch(() => Toast.show(t('请长按复制', 'Long-press to copy')))
                  }
                >
                  {t('复制邀请链接', 'Copy invite link')}
                </Button>
              </div>
              <div className="card stack">
                <div className="row">
                  <h3 style={{ margin: 0 }}>{t('推广员有效期', 'Promoter validity')}</h3>
                  <Tag color={s.isPromoter ? 'success' : 'default'}>
                    {s.isPromoter ? t('有效', 'Valid') : t('已过期', 'Expired')}
                  </Tag>
                </div>
                <p className="muted" style={{ margin: 0 }}>
                  {s.promoterValidUntil
                    ? locale === 'zh'
                      ? `有效至 ${s.promoterValidUntil}（含当日）。每个参团的日子延长一天，有效期内才能获得推广奖励。`
                      : `Valid through ${s.promoterValidUntil}. Each day you join adds a day; commission is earned only while valid.`
                    : t('参团一次即成为推广员。', 'Join one group to become a promoter.')}
                </p>
              </div>
              <div className="card">
                <h3>{t('团队收益', 'Team earnings')}</h3>
                {s.commissions.length === 0 ? (
                  <p className="muted">{t('暂无收益', 'Nothing earned yet')}</p>
                ) : (
                  <List>
                    {s.commissions.map((c) => (
                      <List.Item
                        key={`${c.kind}-${c.asset}`}
                        extra={formatAsset(c.asset, c.total)}
                        description={t(`${c.count} 笔`, `${c.count} payments`)}
                      >
                        {pick(c.label)}
                      </List.Item>
                    ))}
                  </List>
                )}
              </div>
            </>
          );
        }}
      </QueryView>
      <QueryView q={team}>
        {(tm) => (
          <div className="card">
            <h3>
              {locale === 'zh'
                ? `直推 ${tm.directCount} 人 · 间推 ${tm.indirectCount} 人`
                : `${tm.directCount} direct · ${tm.indirectCount} indirect`}
            </h3>
            {tm.direct.length === 0 ? (
              <p className="muted">
                {t('还没有团队成员，分享邀请链接吧', 'No members yet: share your invite link')}
              </p>
            ) : (
              <List>
                {tm.direct.map((d) => (
                  <List.Item
                    key={d.id}
                    description={`${d.phoneMasked} · ${fmt(d.joinedAt)}${d.children.length ? ` · ${t('间推', 'indirect')}: ${d.children.map((c) => c.nickname).join('、')}` : ''}`}
                    extra={t(`${d.directCount} 人`, `${d.directCount}`)}
                  >
                    {d.nickname}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        )}
      </QueryView>
    </Page>
  );
}
