/** 账本明细: postings by member, platform account, asset, entry kind and day. */
import { DatePicker, Input, Select, Space, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ENTRY_KIND_LABELS, assetLabel, type LedgerRow } from '@pingou/contract';
import { ExportButton } from '../components/export-button';
import { PagedTable } from '../components/paged-table';
import { formatFen, formatHundredths, formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PURPOSE_LABELS, label } from '../lib/labels';
import { PageHeader } from '../shell';

const ASSETS = ['CASH', 'GOLD', 'DIVIDEND', 'POOL', 'CONSUMPTION', 'DIGITAL'];

export default function LedgerPage() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const f = (k: string) => params.get(k) ?? undefined;
  const filters = {
    memberId: f('memberId'),
    purpose: f('purpose'),
    asset: f('asset'),
    kind: f('kind'),
    from: f('from'),
    to: f('to'),
  };
  const set = (k: string, v?: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const amount = (r: LedgerRow) =>
    r.asset === 'CASH' ? formatFen(r.amount) : formatHundredths(r.amount);
  const account = (r: LedgerRow) =>
    r.memberId !== null
      ? t(`会员 #${r.memberId}`, `Member #${r.memberId}`)
      : l(label(PURPOSE_LABELS, r.purpose));
  return (
    <div>
      <PageHeader
        title={t('账本明细', 'Ledger explorer')}
        sub={t(
          '每一笔分录的借贷明细；金额正数为转入该账户，负数为转出。',
          'Every posting; positive into the account, negative out of it.',
        )}
        extra={
          <ExportButton<LedgerRow>
            path="/admin/ledger/postings"
            filters={filters}
            fileName="ledger.csv"
            columns={[
              { title: t('分录号', 'Entry'), value: (r) => r.entryId },
              { title: t('时间', 'Time'), value: (r) => formatTime(r.createdAt) },
              {
                title: t('事项', 'Kind'),
                value: (r) => l(ENTRY_KIND_LABELS[r.kind] ?? { zh: r.kind, en: r.kind }),
              },
              { title: t('账户', 'Account'), value: account },
              { title: t('资产', 'Asset'), value: (r) => l(assetLabel(r.asset)) },
              { title: t('金额', 'Amount'), value: amount },
              { title: t('备注', 'Memo'), value: (r) => r.memo },
            ]}
          />
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('会员ID', 'Member id')}
          defaultValue={filters.memberId}
          style={{ width: 150 }}
          onSearch={(v) => set('memberId', v.trim())}
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('平台账户', 'Platform account')}
          value={filters.purpose}
          onChange={(v?: string) => set('purpose', v)}
          options={Object.keys(PURPOSE_LABELS).map((k) => ({
            value: k,
            label: l(PURPOSE_LABELS[k]!),
          }))}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('资产', 'Asset')}
          value={filters.asset}
          onChange={(v?: string) => set('asset', v)}
          options={ASSETS.map((a) => ({ value: a, label: l(assetLabel(a)) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          placeholder={t('事项', 'Kind')}
          value={filters.kind}
          onChange={(v?: string) => set('kind', v)}
          options={Object.entries(ENTRY_KIND_LABELS).map(([k, v]) => ({ value: k, label: l(v) }))}
        />
        <DatePicker.RangePicker
          onChange={(r) => {
            const p = new URLSearchParams(params);
            if (r?.[0] && r[1]) {
              p.set('from', r[0].format('YYYY-MM-DD'));
              p.set('to', r[1].format('YYYY-MM-DD'));
            } else {
              p.delete('from');
              p.delete('to');
            }
            setParams(p, { replace: true });
          }}
        />
      </Space>
      <PagedTable<LedgerRow>
        path="/admin/ledger/postings"
        queryKey={['ledger']}
        filters={filters}
        rowKey="postingId"
        pageSize={50}
        columns={[
          { title: t('分录号', 'Entry'), dataIndex: 'entryId' },
          { title: t('时间', 'Time'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('事项', 'Kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag>{l(ENTRY_KIND_LABELS[k] ?? { zh: k, en: k })}</Tag>,
          },
          {
            title: t('账户', 'Account'),
            render: (_, r) =>
              r.memberId !== null ? (
                <Link to={`/members/${r.memberId}`}>{account(r)}</Link>
              ) : (
                account(r)
              ),
          },
          {
            title: t('资产', 'Asset'),
            dataIndex: 'asset',
            render: (a: string) => l(assetLabel(a)),
          },
          {
            title: t('金额', 'Amount'),
            align: 'right',
            render: (_, r) => (
              <span
                style={{
                  fontVariantNumeric: 'tabular-nums',
                  color: r.amount < 0 ? '#cf1322' : '#389e0d',
                }}
              >
                {amount(r)}
              </span>
            ),
          },
          { title: t('备注', 'Memo'), dataIndex: 'memo', render: (v: string | null) => v ?? '' },
        ]}
      />
    </div>
  );
}
