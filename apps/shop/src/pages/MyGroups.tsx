/** My groups (SPEC §4): every seat I hold, with its group's state and my result. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, List, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useFormatTime } from '../lib/time';
import type { MySeat, Page as PageOf } from '../lib/types';
import { Page } from '../components/Page';
import { Empty, Failed, Loading } from '../components/states';

const RESULT: Record<
  string,
  { zh: string; en: string; color: 'danger' | 'success' | 'default' | 'primary' }
> = {
  won: { zh: '中奖', en: 'Won', color: 'danger' },
  lost: { zh: '未中奖·已退款', en: 'Not won · refunded', color: 'success' },
  refunded: { zh: '已退款', en: 'Refunded', color: 'default' },
  open: { zh: '拼团中', en: 'Filling', color: 'primary' },
};

export default function MyGroups() {
  const { t, pick } = useI18n();
  const fmt = useFormatTime();
  const navigate = useNavigate();
  const q = useInfiniteQuery({
    queryKey: ['my-groups'],
    queryFn: ({ pageParam }) =>
      api<PageOf<MySeat>>(`/me/groups?limit=20${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  return (
    <Page
      title={t('我的团', 'My groups')}
      right={
        <Button size="small" fill="none" onClick={() => navigate('/me/orders')}>
          {t('订单', 'Orders')}
        </Button>
      }
    >
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Failed error={q.error} retry={() => void q.refetch()} />
      ) : q.data.pages[0]!.items.length === 0 ? (
        <Empty>
          {t('还没有参加过拼团', 'You have not joined a group yet')}
          <div style={{ marginTop: 12 }}>
            <Button color="primary" onClick={() => navigate('/')}>
              {t('去逛逛', 'Browse activities')}
            </Button>
          </div>
        </Empty>
      ) : (
        <>
          <List>
            {q.data.pages
              .flatMap((p) => p.items)
              .map((s) => {
                const r = RESULT[s.result ?? (s.groupStatus === 'open' ? 'open' : 'refunded')]!;
                return (
                  <List.Item
                    key={s.seatId}
                    clickable
                    onClick={() => navigate(`/group/${s.groupId}`)}
                    description={`${fmt(s.joinedAt)} · ${t(`第 ${s.seatNo} 号位`, `seat ${s.seatNo}`)}`}
                    extra={<Tag color={r.color}>{pick(r)}</Tag>}
                  >
                    {t(`团号 ${s.groupId}`, `Group ${s.groupId}`)}
                  </List.Item>
                );
              })}
          </List>
          {q.hasNextPage && (
            <Button
              block
              fill="none"
              loading={q.isFetchingNextPage}
              onClick={() => void q.fetchNextPage()}
            >
              {t('加载更多', 'Load more')}
            </Button>
          )}
        </>
      )}
    </Page>
  );
}
