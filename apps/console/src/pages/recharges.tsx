/** 充值记录: recharge orders; finance may refund (原路返回) or ask the provider again (同步). */
import { Button, Input, Modal, Select, Space, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { refundBodySchema } from '@pingou/contract';
import { useNotify } from '../components/errors';
import { ExportButton } from '../components/export-button';
import { Money, YuanInput } from '../components/money';
import { PagedTable } from '../components/paged-table';
import { post } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatFen, formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { RECHARGE_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';

interface Recharge {
  outTradeNo: string;
  provider: string;
  amountFen: number;
  status: string;
  refundedFen: number;
  createdAt: string;
  paidAt: string | null;
  memberId: number;
}

export default function RechargesPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const [status, setStatus] = useState<string | undefined>();
  const [memberId, setMemberId] = useState<string | undefined>();
  const [refunding, setRefunding] = useState<Recharge | null>(null);
  const [amount, setAmount] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['recharges'] });
  const filters = { status, memberId };
  const body = refundBodySchema.safeParse({ amountFen: amount, reason });
  return (
    <div>
      <PageHeader
        title={t('充值记录', 'Recharges')}
        extra={
          <ExportButton<Recharge>
            path="/admin/recharges"
            filters={filters}
            fileName="recharges.csv"
            columns={[
              { title: t('商户单号', 'Trade no.'), value: (r) => r.outTradeNo },
              { title: t('会员ID', 'Member'), value: (r) => r.memberId },
              { title: t('金额', 'Amount'), value: (r) => formatFen(r.amountFen) },
              { title: t('已退款', 'Refunded'), value: (r) => formatFen(r.refundedFen) },
              { title: t('状态', 'State'), value: (r) => l(label(RECHARGE_STATUS, r.status)) },
              { title: t('支付时间', 'Paid'), value: (r) => formatTime(r.paidAt) },
            ]}
          />
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('全部状态', 'All states')}
          value={status}
          onChange={setStatus}
          options={Object.keys(RECHARGE_STATUS).map((k) => ({
            value: k,
            label: l(RECHARGE_STATUS[k]),
          }))}
        />
        <Input.Search
          allowClear
          placeholder={t('会员ID', 'Member id')}
          style={{ width: 160 }}
          onSearch={(v) => setMemberId(v.trim() || undefined)}
        />
      </Space>
      <PagedTable<Recharge>
        path="/admin/recharges"
        queryKey={['recharges']}
        filters={filters}
        rowKey="outTradeNo"
        columns={[
          { title: t('商户单号', 'Trade no.'), dataIndex: 'outTradeNo' },
          {
            title: t('会员', 'Member'),
            dataIndex: 'memberId',
            render: (v: number) => <Link to={`/members/${v}`}>#{v}</Link>,
          },
          {
            title: t('支付渠道', 'Provider'),
            dataIndex: 'provider',
            render: (v: string) => (v === 'sandbox' ? t('沙箱', 'Sandbox') : v),
          },
          {
            title: t('金额', 'Amount'),
            dataIndex: 'amountFen',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('已退款', 'Refunded'),
            dataIndex: 'refundedFen',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('状态', 'State'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{l(label(RECHARGE_STATUS, s))}</Tag>,
          },
          { title: t('创建时间', 'Created'), dataIndex: 'createdAt', render: formatTime },
          { title: t('支付时间', 'Paid'), dataIndex: 'paidAt', render: formatTime },
          {
            title: t('操作', 'Actions'),
            render: (_, r) =>
              can('finance') ? (
                <Space>
                  {r.status === 'pending' ? (
                    <Button
                      size="small"
                      onClick={async () => {
                        try {
                          const s = await post<{ status: string }>(
                            `/admin/recharges/${r.outTradeNo}/sync`,
                          );
                          notify.ok(
                            t(
                              `已同步：${l(label(RECHARGE_STATUS, s.status))}`,
                              `Synced: ${s.status}`,
                            ),
                          );
                          refresh();
                        } catch (e) {
                          notify.fail(e);
                        }
                      }}
                    >
                      {t('同步状态', 'Sync')}
                    </Button>
                  ) : null}
                  {r.status === 'paid' && r.refundedFen < r.amountFen ? (
                    <Button
                      size="small"
                      onClick={() => {
                        setRefunding(r);
                        setAmount(r.amountFen - r.refundedFen);
                        setReason('');
                      }}
                    >
                      {t('退款', 'Refund')}
                    </Button>
                  ) : null}
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={refunding !== null}
        title={t('原路退款', 'Refund the way it came')}
        okText={t('确认退款', 'Refund')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !body.success }}
        onCancel={() => setRefunding(null)}
        onOk={async () => {
          if (!body.success || !refunding) return;
          setBusy(true);
          try {
            await post(`/admin/recharges/${refunding.outTradeNo}/refund`, body.data);
            notify.ok(t('退款已提交，零钱已扣回', 'Refund requested'));
            setRefunding(null);
            refresh();
          } catch (e) {
            notify.fail(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <YuanInput value={amount} onChange={setAmount} />
          <Input.TextArea
            rows={2}
            placeholder={t('原因（必填）', 'Reason (required)')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
          />
        </Space>
      </Modal>
    </div>
  );
}
