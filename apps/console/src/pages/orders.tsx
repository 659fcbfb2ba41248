/** 订单: 订单号, 团状态, 订单状态, delivery (发货) and export. */
import { Button, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { shipOrderBodySchema } from '@pingou/contract';
import { useNotify } from '../components/errors';
import { ExportButton } from '../components/export-button';
import { PagedTable } from '../components/paged-table';
import { post } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { ITEM_KIND, ORDER_SOURCE, ORDER_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';

interface Order {
  orderNo: string;
  memberId: number;
  source: string;
  groupId: number | null;
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
  const filters = {
    status: params.get('status') ?? undefined,
    groupId: params.get('groupId') ?? undefined,
    memberId: params.get('memberId') ?? undefined,
  };
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
              { title: t('团号', 'Group'), value: (o) => o.groupId },
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
                <Link to={`/groups/${o.groupId}`}>
                  #{o.groupId} {t('已开奖', 'drawn')}
                </Link>
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
