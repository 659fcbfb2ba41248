/** 提现审核: the review queue (待审核 first); finance approves (payout) or rejects (funds returned). */
import { Button, Input, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { rejectWithdrawalBodySchema } from '@pingou/contract';
import { useNotify } from '../components/errors';
import { ExportButton } from '../components/export-button';
import { Money } from '../components/money';
import { PagedTable } from '../components/paged-table';
import { post } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatBp, formatFen, formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { WITHDRAWAL_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';

interface Withdrawal {
  withdrawalNo: string;
  memberId: number;
  provider: string;
  accountRef: string;
  amountFen: number;
  feeBp: number;
  feeFen: number;
  payoutFen: number;
  status: string;
  reason: string | null;
  createdAt: string;
  reviewedAt: string | null;
  finishedAt: string | null;
}
const COLOR: Record<string, string> = {
  requested: 'orange',
  approved: 'blue',
  paying: 'cyan',
  paid: 'green',
  rejected: 'default',
  failed: 'red',
};

export default function WithdrawalsPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const [status, setStatus] = useState<string>('requested');
  const [rejecting, setRejecting] = useState<Withdrawal | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['withdrawals'] });
  const filters = { status: status === 'all' ? undefined : status };
  const approve = async (w: Withdrawal) => {
    setBusy(w.withdrawalNo);
    try {
      const r = await post<Withdrawal>(`/admin/withdrawals/${w.withdrawalNo}/approve`);
      notify.ok(
        t(
          `已通过，打款 ${formatFen(r.payoutFen)}（${l(label(WITHDRAWAL_STATUS, r.status))}）`,
          `Approved; paying ${formatFen(r.payoutFen)}`,
        ),
      );
      refresh();
    } catch (e) {
      notify.fail(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div>
      <PageHeader
        title={t('提现审核', 'Withdrawals')}
        extra={
          <ExportButton<Withdrawal>
            path="/admin/withdrawals"
            filters={filters}
            fileName="withdrawals.csv"
            columns={[
              { title: t('提现单号', 'No.'), value: (w) => w.withdrawalNo },
              { title: t('会员ID', 'Member'), value: (w) => w.memberId },
              { title: t('提现金额', 'Amount'), value: (w) => formatFen(w.amountFen) },
              { title: t('手续费', 'Fee'), value: (w) => formatFen(w.feeFen) },
              { title: t('实际到账', 'Payout'), value: (w) => formatFen(w.payoutFen) },
              { title: t('状态', 'State'), value: (w) => l(label(WITHDRAWAL_STATUS, w.status)) },
              { title: t('申请时间', 'Requested'), value: (w) => formatTime(w.createdAt) },
            ]}
          />
        }
      />
      <Segmented
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          ...['requested', 'approved', 'paying', 'paid', 'rejected', 'failed'].map((k) => ({
            value: k,
            label: l(WITHDRAWAL_STATUS[k]!),
          })),
          { value: 'all', label: t('全部', 'All') },
        ]}
      />
      {!can('finance') ? (
        <Typography.Paragraph type="secondary">
          {t('只有财务可以审核提现。', 'Only finance can review withdrawals.')}
        </Typography.Paragraph>
      ) : null}
      <PagedTable<Withdrawal>
        path="/admin/withdrawals"
        queryKey={['withdrawals']}
        filters={filters}
        rowKey="withdrawalNo"
        columns={[
          { title: t('提现单号', 'No.'), dataIndex: 'withdrawalNo' },
          {
            title: t('会员', 'Member'),
            dataIndex: 'memberId',
            render: (v: number) => <Link to={`/members/${v}`}>#{v}</Link>,
          },
          {
            title: t('提现金额', 'Amount'),
            dataIndex: 'amountFen',
            render: (v: number) => <Money fen={v} strong />,
          },
          {
            title: t('手续费', 'Fee'),
            render: (_, w) => (
              <span>
                <Money fen={w.feeFen} />（{formatBp(w.feeBp)}）
              </span>
            ),
          },
          {
            title: t('实际到账', 'Payout'),
            dataIndex: 'payoutFen',
            render: (v: number) => <Money fen={v} />,
          },
          { title: t('收款账户', 'Payee'), dataIndex: 'accountRef' },
          {
            title: t('状态', 'State'),
            dataIndex: 'status',
            render: (s: string, w) => (
              <span>
                <Tag color={COLOR[s]}>{l(label(WITHDRAWAL_STATUS, s))}</Tag>
                {w.reason ? <Typography.Text type="secondary">{w.reason}</Typography.Text> : null}
              </span>
            ),
          },
          { title: t('申请时间', 'Requested'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('操作', 'Actions'),
            render: (_, w) =>
              can('finance') && w.status === 'requested' ? (
                <Space>
                  <Popconfirm
                    title={t(
                      `通过并打款 ${formatFen(w.payoutFen)}？`,
                      `Approve and pay ${formatFen(w.payoutFen)}?`,
                    )}
                    description={t(
                      `手续费 ${formatFen(w.feeFen)} 计入平台收入。`,
                      `The fee ${formatFen(w.feeFen)} is platform revenue.`,
                    )}
                    okText={t('通过', 'Approve')}
                    onConfirm={() => approve(w)}
                  >
                    <Button size="small" type="primary" loading={busy === w.withdrawalNo}>
                      {t('通过', 'Approve')}
                    </Button>
                  </Popconfirm>
                  <Button
                    size="small"
                    danger
                    onClick={() => {
                      setRejecting(w);
                      setReason('');
                    }}
                  >
                    {t('驳回', 'Reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={t('驳回提现（资金退回会员零钱）', 'Reject (funds return to the member)')}
        okText={t('确认驳回', 'Reject')}
        okButtonProps={{
          danger: true,
          disabled: !rejectWithdrawalBodySchema.safeParse({ reason }).success,
        }}
        confirmLoading={busy !== null}
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          if (!rejecting) return;
          setBusy(rejecting.withdrawalNo);
          try {
            await post(`/admin/withdrawals/${rejecting.withdrawalNo}/reject`, {
              reason: reason.trim(),
            });
            notify.ok(t('已驳回，资金已退回', 'Rejected; funds returned'));
            setRejecting(null);
            refresh();
          } catch (e) {
            notify.fail(e);
          } finally {
            setBusy(null);
          }
        }}
      >
        <Input.TextArea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          placeholder={t('驳回原因（会员可见）', 'Reason (the member sees it)')}
        />
      </Modal>
    </div>
  );
}
