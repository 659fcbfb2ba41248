/**
 * A member: balances, ledger history, the referral tree two levels down, tier, regional
 * agent, freeze and upline correction (each audited by the API).
 */
import {
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { freezeBodySchema, uplineBodySchema } from '@pingou/contract';
import { ErrorAlert, useNotify } from '../components/errors';
import { PagedTable } from '../components/paged-table';
import { get, put } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatFen, formatHundredths, formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PageHeader } from '../shell';

interface Profile {
  id: number;
  phone: string;
  nickname: string;
  inviteCode: string;
  uplineId: number | null;
  province: string | null;
  city: string | null;
  district: string | null;
  tier: { id: number; code: string; name: string } | null;
  agent: { level: string; regionKey: string } | null;
  isFrozen: boolean;
  isLargePrepaid: boolean;
  promoterValidUntil: string | null;
  createdAt: string;
}
interface Balance {
  asset: string;
  balance: number;
  unit: 'fen' | 'hundredths';
  label: { zh: string; en: string };
}
interface HistoryItem {
  id: number;
  entryId: number;
  kind: string;
  reason: { zh: string; en: string };
  memo: string | null;
  asset: string;
  amount: number;
  createdAt: string;
}
interface TeamMember {
  id: number;
  nickname: string;
  phoneMasked: string;
  joinedAt: string;
  directCount: number;
}
interface Team {
  direct: (TeamMember & { children: TeamMember[] })[];
  directCount: number;
  indirectCount: number;
}

const LEVEL: Record<string, { zh: string; en: string }> = {
  province: { zh: '省代理', en: 'Province agent' },
  city: { zh: '市代理', en: 'City agent' },
  district: { zh: '区代理', en: 'District agent' },
};

function ReasonModal({
  open,
  title,
  children,
  onOk,
  onCancel,
  busy,
  canSubmit,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  onOk: () => void;
  onCancel: () => void;
  busy: boolean;
  canSubmit: boolean;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onOk={onOk}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: !canSubmit }}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}

export default function MemberDetailPage() {
  const { id } = useParams();
  const mid = Number(id);
  const { t, l } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const [asset, setAsset] = useState<string | undefined>();
  const [dialog, setDialog] = useState<'freeze' | 'upline' | null>(null);
  const [reason, setReason] = useState('');
  const [upline, setUpline] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const p = useQuery({
    queryKey: ['member', mid],
    queryFn: () => get<Profile>(`/admin/members/${mid}`),
  });
  const w = useQuery({
    queryKey: ['member-wallet', mid],
    queryFn: () => get<{ balances: Balance[] }>(`/admin/members/${mid}/wallet`),
  });
  const team = useQuery({
    queryKey: ['member-team', mid],
    queryFn: () => get<Team>(`/admin/members/${mid}/team`),
  });
  const tiers = useQuery({
    queryKey: ['tiers'],
    queryFn: () => get<{ items: { id: number; code: string; name: string }[] }>('/admin/tiers'),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['member', mid] });
    void qc.invalidateQueries({ queryKey: ['members'] });
  };
  const act = async (f: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await f();
      notify.ok(ok);
      setDialog(null);
      setReason('');
      refresh();
    } catch (e) {
      notify.fail(e);
    } finally {
      setBusy(false);
    }
  };
  if (!p.data) return <ErrorAlert error={p.error} />;
  const m = p.data;
  const fmt = (b: Balance) =>
    b.unit === 'fen' ? formatFen(b.balance) : formatHundredths(b.balance);
  const region = [m.province, m.city, m.district].filter(Boolean).join(' / ') || '—';
  const canOperate = can('operate');
  return (
    <div>
      <PageHeader
        title={`${m.nickname}（#${m.id}）`}
        sub={
          <Space>
            {m.isFrozen ? (
              <Tag color="red">{t('已冻结', 'Frozen')}</Tag>
            ) : (
              <Tag color="green">{t('正常', 'Active')}</Tag>
            )}
            {m.isLargePrepaid ? <Tag color="gold">{t('大额预存', 'Large prepaid')}</Tag> : null}
          </Space>
        }
        extra={
          <>
            <Button onClick={() => nav(-1)}>{t('返回', 'Back')}</Button>
            <Button onClick={() => nav(`/orders?memberId=${m.id}`)}>{t('订单', 'Orders')}</Button>
            {canOperate ? (
              <>
                <Button danger={!m.isFrozen} onClick={() => setDialog('freeze')}>
                  {m.isFrozen ? t('解除冻结', 'Unfreeze') : t('冻结账户', 'Freeze')}
                </Button>
                <Button
                  onClick={() => {
                    setUpline(m.uplineId);
                    setDialog('upline');
                  }}
                >
                  {t('更正上级', 'Correct upline')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('资料', 'Profile')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('手机号', 'Phone')}>{m.phone}</Descriptions.Item>
              <Descriptions.Item label={t('邀请码', 'Invite code')}>
                {m.inviteCode}
              </Descriptions.Item>
              <Descriptions.Item label={t('直推上级', 'Direct upline')}>
                {m.uplineId ? (
                  <Link to={`/members/${m.uplineId}`}>#{m.uplineId}</Link>
                ) : (
                  t('无', 'None')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('所在地区', 'Region')}>{region}</Descriptions.Item>
              <Descriptions.Item label={t('团队等级', 'Team tier')}>
                <Select
                  style={{ width: 200 }}
                  size="small"
                  disabled={!canOperate}
                  value={m.tier?.id ?? 0}
                  options={[
                    { value: 0, label: t('无等级', 'No tier') },
                    ...(tiers.data?.items ?? []).map((x) => ({
                      value: x.id,
                      label: `${x.code} ${x.name}`,
                    })),
                  ]}
                  onChange={(v: number) =>
                    void act(
                      () => put(`/admin/members/${mid}/tier`, { tierId: v === 0 ? null : v }),
                      t('已更新等级', 'Tier updated'),
                    )
                  }
                />
              </Descriptions.Item>
              <Descriptions.Item label={t('区域代理', 'Regional agent')}>
                <Select
                  style={{ width: 200 }}
                  size="small"
                  disabled={!canOperate}
                  value={m.agent?.level ?? 'none'}
                  options={[
                    { value: 'none', label: t('不是代理', 'Not an agent') },
                    ...(['district', 'city', 'province'] as const).map((k) => ({
                      value: k,
                      label: l(LEVEL[k]),
                    })),
                  ]}
                  onChange={(v: string) =>
                    void act(
                      () => put(`/admin/members/${mid}/agent`, { level: v === 'none' ? null : v }),
                      t('已更新代理', 'Agent updated'),
                    )
                  }
                />
                {m.agent ? (
                  <Typography.Text type="secondary"> {m.agent.regionKey}</Typography.Text>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('推广员有效期至', 'Promoter valid until')}>
                {formatTime(m.promoterValidUntil)}
              </Descriptions.Item>
              <Descriptions.Item label={t('大额预存', 'Large prepaid')}>
                <Select
                  size="small"
                  style={{ width: 120 }}
                  disabled={!canOperate}
                  value={m.isLargePrepaid ? 'y' : 'n'}
                  options={[
                    { value: 'n', label: t('否', 'No') },
                    { value: 'y', label: t('是', 'Yes') },
                  ]}
                  onChange={(v: string) =>
                    void act(
                      () =>
                        put(`/admin/members/${mid}/large-prepaid`, { isLargePrepaid: v === 'y' }),
                      t('已更新', 'Updated'),
                    )
                  }
                />
              </Descriptions.Item>
              <Descriptions.Item label={t('注册时间', 'Registered')}>
                {formatTime(m.createdAt)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('余额', 'Balances')} style={{ marginBottom: 16 }}>
            <ErrorAlert error={w.error} />
            <Row gutter={[16, 16]}>
              {(w.data?.balances ?? []).map((b) => (
                <Col span={8} key={b.asset}>
                  <Statistic title={l(b.label)} value={fmt(b)} />
                </Col>
              ))}
            </Row>
          </Card>
          <Card
            size="small"
            title={t(
              `推荐关系（直推 ${team.data?.directCount ?? 0} 人，间推 ${team.data?.indirectCount ?? 0} 人）`,
              `Referrals (${team.data?.directCount ?? 0} direct, ${team.data?.indirectCount ?? 0} indirect)`,
            )}
            style={{ marginBottom: 16 }}
          >
            {team.data && team.data.direct.length ? (
              <Tree
                defaultExpandAll
                selectable={false}
                treeData={team.data.direct.map((d) => ({
                  key: d.id,
                  title: (
                    <Link to={`/members/${d.id}`}>{`${d.nickname} #${d.id} ${d.phoneMasked}`}</Link>
                  ),
                  children: d.children.map((c) => ({
                    key: c.id,
                    title: (
                      <Link
                        to={`/members/${c.id}`}
                      >{`${c.nickname} #${c.id} ${c.phoneMasked}`}</Link>
                    ),
                  })),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('暂无下级', 'No referrals')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('资金明细', 'History')}
        extra={
          <Select
            allowClear
            size="small"
            style={{ width: 160 }}
            placeholder={t('全部资产', 'All assets')}
            value={asset}
            onChange={setAsset}
            options={(w.data?.balances ?? []).map((b) => ({ value: b.asset, label: l(b.label) }))}
          />
        }
      >
        <PagedTable<HistoryItem>
          path={`/admin/members/${mid}/wallet/history`}
          queryKey={['member-history', mid]}
          filters={{ asset }}
          rowKey="id"
          columns={[
            { title: t('时间', 'Time'), dataIndex: 'createdAt', render: formatTime },
            {
              title: t('事项', 'Reason'),
              dataIndex: 'reason',
              render: (r: HistoryItem['reason']) => l(r),
            },
            {
              title: t('资产', 'Asset'),
              dataIndex: 'asset',
              render: (a: string) => l(w.data?.balances.find((b) => b.asset === a)?.label) || a,
            },
            {
              title: t('变动', 'Amount'),
              render: (_, h) => {
                const s = h.asset === 'CASH' ? formatFen(h.amount) : formatHundredths(h.amount);
                return (
                  <span style={{ color: h.amount < 0 ? '#cf1322' : '#389e0d' }}>
                    {h.amount > 0 ? `+${s}` : s}
                  </span>
                );
              },
            },
            {
              title: t('凭证号', 'Entry'),
              dataIndex: 'entryId',
              render: (v: number) => <Link to={`/finance/ledger?memberId=${mid}`}>#{v}</Link>,
            },
          ]}
        />
      </Card>
      <ReasonModal
        open={dialog === 'freeze'}
        title={
          m.isFrozen
            ? t('解除冻结', 'Unfreeze')
            : t('冻结账户（冻结后不能参团、不能提现）', 'Freeze (no joins, no withdrawals)')
        }
        busy={busy}
        canSubmit={freezeBodySchema.safeParse({ isFrozen: !m.isFrozen, reason }).success}
        onCancel={() => setDialog(null)}
        onOk={() =>
          void act(
            () =>
              put(`/admin/members/${mid}/frozen`, { isFrozen: !m.isFrozen, reason: reason.trim() }),
            m.isFrozen ? t('已解除冻结', 'Unfrozen') : t('已冻结', 'Frozen'),
          )
        }
      >
        <Input.TextArea
          rows={2}
          placeholder={t('原因（必填，记入操作日志）', 'Reason (required, audited)')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
        />
      </ReasonModal>
      <ReasonModal
        open={dialog === 'upline'}
        title={t('更正直推上级', 'Correct the direct upline')}
        busy={busy}
        canSubmit={uplineBodySchema.safeParse({ uplineId: upline, reason }).success}
        onCancel={() => setDialog(null)}
        onOk={() =>
          void act(
            () => put(`/admin/members/${mid}/upline`, { uplineId: upline, reason: reason.trim() }),
            t('已更正上级', 'Upline corrected'),
          )
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t(
              '留空表示没有上级。更正只影响之后的奖励。',
              'Empty = no upline. Affects later rewards only.',
            )}
          </Typography.Text>
          <InputNumber
            style={{ width: '100%' }}
            min={1}
            precision={0}
            placeholder={t('新上级会员ID', 'New upline member id')}
            value={upline}
            onChange={(v) => setUpline(v === null ? null : Number(v))}
          />
          <Input.TextArea
            rows={2}
            placeholder={t('原因（必填，记入操作日志）', 'Reason (required, audited)')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
          />
        </Space>
      </ReasonModal>
    </div>
  );
}
