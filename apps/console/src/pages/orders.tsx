/** 订单: 订单号, 团状态, 订单状态, delivery (发货) and export; every filter is applied by the server. */
import { Button, DatePicker, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { shipOrderBodySchema } from '@pingou/contract';
import { useNotify } from '../components/errors';
import { ExportButton } from '../components/export-button';
import { PagedTable } from '../components/paged-table';
import { get, post } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { GROUP_STATUS, ITEM_KIND, ORDER_SOURCE, ORDER_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';
import type { AdminActivity } from './activities';

interface Order {
  orderNo: string;
  memberId: number;
  source: string;
  groupId: number | null;
  /** The group's state now (from the group row); null for orders outside a group. */
  groupStatus: string | null;
  activityId: number | null;
  itemName: string;
  kind: string;
  status: string;
  address: {
    name: string;
    phone: string;
    province: string;
    city: string;
    district: string;
    detail: string;
  } | null;
  trackingNo: string | null;
  createdAt: string;
  updatedAt: string;
}

const STATUS_COLOR: Record<string, string> = {
  awaiting_address: 'orange',
  awaiting_shipment: 'blue',
  shipped: 'cyan',
  completed: 'green',
};
const GROUP_COLOR: Record<string, string> = {
  open: 'blue',
  full: 'purple',
  drawn: 'green',
  failed: 'red',
  expired: 'default',
};

function ShipButton({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [no, setNo] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = shipOrderBodySchema.safeParse({ trackingNo: no }).success;
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        {t('发货', 'Ship')}
      </Button>
      <Modal
        open={open}
        title={t(`发货：${order.orderNo}`, `Ship ${order.orderNo}`)}
        okText={t('确认发货', 'Mark shipped')}
        okButtonProps={{ disabled: !ok }}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            await post(`/admin/orders/${order.orderNo}/ship`, { trackingNo: no.trim() });
            notify.ok(t('已标记为已发货', 'Marked as shipped'));
            setOpen(false);
            onDone();
          } catch (e) {
            notify.fail(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {order.address ? (
          <Typography.Paragraph>
            {order.address.name} {order.address.phone}
            <br />
            {order.address.province} {order.address.city} {order.address.district}{' '}
            {order.address.detail}
          </Typography.Paragraph>
        ) : null}
        <Input
          placeholder={t('快递单号', 'Tracking number')}
          value={no}
          onChange={(e) => setNo(e.target.value)}
          maxLength={64}
        />
      </Modal>
    </>
  );
}

export default function OrdersPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const activities = useQuery({
    queryKey: ['activities'],
    queryFn: () => get<{ items: AdminActivity[] }>('/admin/activities'),
  });
  const filters = {
    status: params.get('status') ?? undefined,
    activityId: params.get('activityId') ?? undefined,
    groupId: params.get('groupId') ?? undefined,
    memberId: params.get('memberId') ?? undefined,
    orderNo: params.get('orderNo') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const activityName = (id: number | null) =>
    activities.data?.items.find((a) => a.id === id)?.name ?? (id === null ? '' : `#${id}`);
  const setFilter = (k: string, v?: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const addr = (o: Order) =>
    o.address
      ? `${o.address.name} ${o.address.phone} ${o.address.province}${o.address.city}${o.address.district}${o.address.detail}`
      : '';
  return (
    <div>
      <PageHeader
        title={t('订单', 'Orders')}
        extra={
          <ExportButton<Order>
            path="/admin/orders"
            filters={filters}
            fileName={`orders-${new Date().toISOString().slice(0, 10)}.csv`}
            columns={[
              { title: t('订单号', 'Order no.'), value: (o) => o.orderNo },
              { title: t('会员ID', 'Member'), value: (o) => o.memberId },
              { title: t('来源', 'Source'), value: (o) => l(label(ORDER_SOURCE, o.source)) },
              { title: t('活动', 'Activity'), value: (o) => activityName(o.activityId) },
              { title: t('团号', 'Group'), value: (o) => o.groupId },
              {
                title: t('团状态', 'Group state'),
                value: (o) => (o.groupStatus ? l(label(GROUP_STATUS, o.groupStatus)) : ''),
              },
              { title: t('商品', 'Item'), value: (o) => o.itemName },
              {
                title: t('订单状态', 'Order state'),
                value: (o) => l(label(ORDER_STATUS, o.status)),
              },
              { title: t('收货信息', 'Address'), value: addr },
              { title: t('快递单号', 'Tracking'), value: (o) => o.trackingNo },
              { title: t('下单时间', 'Created'), value: (o) => formatTime(o.createdAt) },
            ]}
          />
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('订单号', 'Order no.')}
          defaultValue={filters.orderNo}
          maxLength={32}
          style={{ width: 220 }}
          onSearch={(v) => setFilter('orderNo', v.trim())}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          placeholder={t('全部活动', 'All activities')}
          value={filters.activityId ? Number(filters.activityId) : undefined}
          onChange={(v?: number) => setFilter('activityId', v ? String(v) : null)}
          options={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('全部订单状态', 'All states')}
          value={filters.status}
          onChange={(v?: string) => setFilter('status', v)}
          options={Object.keys(ORDER_STATUS).map((k) => ({ value: k, label: l(ORDER_STATUS[k]) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('团号', 'Group id')}
          defaultValue={filters.groupId}
          style={{ width: 160 }}
          onSearch={(v) => setFilter('groupId', v.trim())}
        />
        <Input.Search
          allowClear
          placeholder={t('会员ID', 'Member id')}
          defaultValue={filters.memberId}
          style={{ width: 160 }}
          onSearch={(v) => setFilter('memberId', v.trim())}
        />
        <DatePicker.RangePicker
          placeholder={[t('下单日起', 'Created from'), t('下单日止', 'Created to')]}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
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
      <PagedTable<Order>
        path="/admin/orders"
        queryKey={['orders']}
        filters={filters}
        rowKey="orderNo"
        columns={[
          {
            title: t('订单号', 'Order no.'),
            dataIndex: 'orderNo',
            render: (v: string) => (
              <span style={{ fontFamily: 'ui-monospace, monospace' }}>{v}</span>
            ),
          },
          {
            title: t('商品', 'Item'),
            render: (_, o) => `${o.itemName}（${l(label(ITEM_KIND, o.kind))}）`,
          },
          {
            title: t('来源', 'Source'),
            dataIndex: 'source',
            render: (v: string) => l(label(ORDER_SOURCE, v)),
          },
          {
            title: t('团号 / 团状态', 'Group'),
            render: (_, o) =>
              o.groupId ? (
                <Space size={4}>
                  <Link to={`/groups/${o.groupId}`}>#{o.groupId}</Link>
                  {o.groupStatus ? (
                    <Tag color={GROUP_COLOR[o.groupStatus]}>
                      {l(label(GROUP_STATUS, o.groupStatus))}
                    </Tag>
                  ) : null}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('会员', 'Member'),
            dataIndex: 'memberId',
            render: (v: number) => <Link to={`/members/${v}`}>#{v}</Link>,
          },
          {
            title: t('订单状态', 'Order state'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{l(label(ORDER_STATUS, s))}</Tag>,
          },
          {
            title: t('快递单号', 'Tracking'),
            dataIndex: 'trackingNo',
            render: (v: string | null) => v ?? '—',
          },
          { title: t('下单时间', 'Created'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('操作', 'Actions'),
            render: (_, o) =>
              o.status === 'awaiting_shipment' && can('operate') ? (
                <ShipButton
                  order={o}
                  onDone={() => void qc.invalidateQueries({ queryKey: ['orders'] })}
                />
              ) : null,
          },
        ]}
      />
    </div>
  );
}
