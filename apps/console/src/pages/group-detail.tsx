/** One group: its seats (平台补位 labelled), each seat's eligibility, the proof of the draw and its statement. */
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../components/errors';
import { StatementView, type Statement } from '../components/statement';
import { get } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { GROUP_STATUS, RULE_LABELS, label } from '../lib/labels';
import { PageHeader } from '../shell';
import { HouseFillButton } from './groups';

interface Seat {
  seatNo: number;
  isHouse: boolean;
  memberRef: string;
  clientSeed: string;
  isEligible: boolean | null;
  excludedBy: string | null;
  isWinner: boolean | null;
}
interface GroupView {
  id: number;
  activityId: number;
  versionId: number;
  status: string;
  groupSize: number;
  seatsTaken: number;
  commitment: string;
  openedAt: string;
  closedAt: string | null;
  seats: Seat[];
  draw: {
    serverSeedHex: string;
    randomnessHex: string;
    outcome: 'drawn' | 'failed_conflict';
    winners: number[];
    forcedWinners: number[];
    conflictPolicy: string;
    winnersCount: number;
  } | null;
}

const mono = {
  fontFamily: 'ui-monospace, monospace',
  wordBreak: 'break-all' as const,
  fontSize: 12,
};

export default function GroupDetailPage() {
  const { id } = useParams();
  const gid = Number(id);
  const { t, l } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const g = useQuery({
    queryKey: ['group', gid],
    queryFn: () => get<GroupView>(`/admin/groups/${gid}`),
  });
  const drawn = g.data?.draw !== null && g.data?.draw !== undefined;
  const st = useQuery({
    queryKey: ['group-statement', gid],
    queryFn: () => get<{ statement: Statement }>(`/admin/groups/${gid}/statement`),
    enabled: drawn && g.data?.status === 'drawn',
  });
  const verify = useQuery({
    queryKey: ['group-verify', gid],
    queryFn: () => get<{ isValid: boolean; problems: string[] }>(`/groups/${gid}/verify`),
    enabled: drawn,
  });
  const activities = useQuery({
    queryKey: ['activities'],
    queryFn: () => get<{ items: { id: number; name: string }[] }>('/admin/activities'),
  });
  if (!g.data) return <ErrorAlert error={g.error} />;
  const d = g.data;
  return (
    <div>
      <PageHeader
        title={t(`团 #${d.id}`, `Group #${d.id}`)}
        sub={<Tag>{l(label(GROUP_STATUS, d.status))}</Tag>}
        extra={
          <>
            <Button onClick={() => nav(-1)}>{t('返回', 'Back')}</Button>
            <Button onClick={() => nav(`/orders?groupId=${d.id}`)}>
              {t('本团订单', 'Orders')}
            </Button>
            {d.status === 'open' && can('operate') ? (
              <HouseFillButton
                group={d}
                onDone={() => {
                  void qc.invalidateQueries({ queryKey: ['group', gid] });
                  void qc.invalidateQueries({ queryKey: ['groups'] });
                }}
              />
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('活动', 'Activity')}>
            <Link to={`/activities/${d.activityId}`}>
              {activities.data?.items.find((a) => a.id === d.activityId)?.name ??
                `#${d.activityId}`}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('座位', 'Seats')}>
            {d.seatsTaken} / {d.groupSize}
          </Descriptions.Item>
          <Descriptions.Item label={t('版本', 'Version')}>#{d.versionId}</Descriptions.Item>
          <Descriptions.Item label={t('开团时间', 'Opened')}>
            {formatTime(d.openedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('结束时间', 'Closed')}>
            {formatTime(d.closedAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('座位与中奖资格', 'Seats and eligibility')}
        style={{ marginBottom: 16 }}
      >
        <Table<Seat>
          rowKey="seatNo"
          size="small"
          pagination={false}
          dataSource={d.seats}
          columns={[
            { title: t('排位', 'Seat'), dataIndex: 'seatNo', width: 70 },
            {
              title: t('参团者', 'Holder'),
              render: (_, s) =>
                s.isHouse ? (
                  <Tag color="purple">{t('平台补位', '平台补位 (house seat)')}</Tag>
                ) : (
                  <span style={mono}>{s.memberRef}</span>
                ),
            },
            {
              title: t('中奖资格', 'Eligible'),
              render: (_, s) =>
                s.isEligible === null ? (
                  <Typography.Text type="secondary">
                    {t('开奖后公布', 'After the draw')}
                  </Typography.Text>
                ) : s.isEligible ? (
                  <Tag color="green">{t('有资格', 'Eligible')}</Tag>
                ) : (
                  <Tag color="default">
                    {t('无资格', 'Not eligible')}：{l(label(RULE_LABELS, s.excludedBy))}
                  </Tag>
                ),
            },
            {
              title: t('结果', 'Result'),
              render: (_, s) =>
                s.isWinner === null ? (
                  '—'
                ) : s.isWinner ? (
                  <Tag color="red">{t('中奖', 'Won')}</Tag>
                ) : (
                  <span>{s.isHouse ? '—' : t('未中奖', 'Lost')}</span>
                ),
            },
            {
              title: t('客户端种子', 'Client seed'),
              dataIndex: 'clientSeed',
              render: (v: string) => <span style={mono}>{v || '—'}</span>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('公平性证明', 'Proof of the draw')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item
            label={t(
              '服务器种子承诺（开团时公布的 SHA-256）',
              'Commitment (SHA-256, published at opening)',
            )}
          >
            <span style={mono}>{d.commitment}</span>
          </Descriptions.Item>
          {d.draw ? (
            <>
              <Descriptions.Item label={t('服务器种子（开奖后公开）', 'Server seed (revealed)')}>
                <span style={mono}>{d.draw.serverSeedHex}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('随机数', 'Randomness')}>
                <span style={mono}>{d.draw.randomnessHex}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('中奖座位', 'Winning seats')}>
                {d.draw.outcome === 'drawn'
                  ? d.draw.winners.join('、')
                  : t('资格冲突，成团失败', 'Conflict: failed')}
                {d.draw.forcedWinners.length
                  ? t(
                      `（随机开奖补足：${d.draw.forcedWinners.join('、')}）`,
                      ` (forced: ${d.draw.forcedWinners.join(', ')})`,
                    )
                  : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('独立验证', 'Verification')}>
                {verify.data ? (
                  verify.data.isValid ? (
                    <Tag color="green">
                      {t(
                        '验证通过：由公开数据重新计算结果一致',
                        'Valid: recomputed from the published data',
                      )}
                    </Tag>
                  ) : (
                    <Alert type="error" title={verify.data.problems.join('；')} />
                  )
                ) : (
                  <ErrorAlert error={verify.error} />
                )}
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label={t('服务器种子', 'Server seed')}>
              {t('满员开奖后公开', 'Revealed after the draw')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {st.data ? (
        <Card size="small" title={t('本团结算单', 'Statement of this draw')}>
          <StatementView s={st.data.statement} />
        </Card>
      ) : (
        <ErrorAlert error={st.error} />
      )}
      <Space />
    </div>
  );
}
