/**
 * My orders (SPEC §4, §9): product orders with address entry and delivery state; a virtual
 * product's code (兑换码) with a copy button, shown only here, to its owner.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Popup, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useFormatTime } from '../lib/time';
import type { Order, Page as PageOf } from '../lib/types';
import { Page } from '../components/Page';
import { errorText, QueryView } from '../components/states';
import { PHONE } from '../components/forms';

const FLOW = ['awaiting_address', 'awaiting_shipment', 'shipped', 'completed'];
const LABELS: Record<string, { zh: string; en: string }> = {
  awaiting_address: { zh: '待填地址', en: 'Awaiting address' },
  awaiting_shipment: { zh: '待发货', en: 'Awaiting shipment' },
  shipped: { zh: '已发货', en: 'Shipped' },
  completed: { zh: '已完成', en: 'Completed' },
};

function AddressForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Record<string, string>) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/me/orders/${order.orderNo}/address`, { method: 'PUT', body: v });
      onDone();
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };
  const req = (zh: string, en: string) => [{ required: true, message: t(zh, en) }];
  return (
    <Form
      layout="horizontal"
      onFinish={submit}
      footer={
        <Button block type="submit" color="primary" size="large" loading={busy}>
          {t('保存地址', 'Save address')}
        </Button>
      }
    >
      <Form.Header>{t('收货地址', 'Delivery address')}</Form.Header>
      <Form.Item name="name" label={t('收货人', 'Name')} rules={req('请填写收货人', 'Name needed')}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('手机号', 'Phone')}
        rules={[
          {
            required: true,
            pattern: PHONE,
            message: t('请输入正确的手机号', 'Enter a valid mobile number'),
          },
        ]}
      >
        <Input type="tel" maxLength={11} />
      </Form.Item>
      <Form.Item
        name="province"
        label={t('省', 'Province')}
        rules={req('请填写省份', 'Province needed')}
      >
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="city" label={t('市', 'City')} rules={req('请填写城市', 'City needed')}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item
        name="district"
        label={t('区/县', 'District')}
        rules={req('请填写区县', 'District needed')}
      >
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item
        name="detail"
        label={t('详细地址', 'Address')}
        rules={req('请填写详细地址', 'Address needed')}
      >
        <TextArea maxLength={200} autoSize />
      </Form.Item>
      {error && (
        <p role="alert" className="verify-bad">
          {error}
        </p>
      )}
    </Form>
  );
}

function VirtualCode({ code }: { code: string }) {
  const { t } = useI18n();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      Toast.show({ content: t('已复制兑换码', 'Code copied') });
    } catch {
      Toast.show({ content: t('复制失败，请长按兑换码手动复制', 'Copy failed; select the code') });
    }
  };
  return (
    <div className="row" aria-label={t('兑换码', 'Code')}>
      <span>
        {t('兑换码', 'Code')}: <code className="virtual-code">{code}</code>
      </span>
      <Button size="small" color="primary" fill="outline" onClick={() => void copy()}>
        {t('复制', 'Copy')}
      </Button>
    </div>
  );
}

export default function Orders() {
  const { t, pick } = useI18n();
  const fmt = useFormatTime();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['orders'],
    queryFn: () => api<PageOf<Order>>('/me/orders?limit=50'),
  });
  const [editing, setEditing] = useState<Order | null>(null);
  const confirm = async (o: Order) => {
    await api(`/me/orders/${o.orderNo}/complete`, { method: 'POST' });
    await qc.invalidateQueries({ queryKey: ['orders'] });
  };
  return (
    <Page title={t('我的订单', 'My orders')}>
      <QueryView
        q={q}
        isEmpty={(d) => d.items.length === 0}
        empty={t('还没有订单，中奖后会出现在这里', 'No orders yet: wins appear here')}
      >
        {(d) => (
          <>
            {d.items.map((o) => {
              const step = FLOW.indexOf(o.status);
              const addr = o.address as Record<string, string> | null;
              return (
                <div key={o.orderNo} className="card stack">
                  <div className="row">
                    <b>{o.itemName}</b>
                    <Tag color={o.status === 'completed' ? 'success' : 'warning'}>
                      {typeof o.statusLabel === 'string' ? o.statusLabel : pick(o.statusLabel)}
                    </Tag>
                  </div>
                  <div className="muted">
                    {o.orderNo} · {fmt(o.createdAt)}
                  </div>
                  {o.kind === 'product' && step >= 0 && (
                    <Steps
                      current={step}
                      style={{ '--title-font-size': '12px', padding: 0 } as never}
                    >
                      {FLOW.map((s) => (
                        <Steps.Step key={s} title={pick(LABELS[s])} />
                      ))}
                    </Steps>
                  )}
                  {addr && (
                    <div className="muted">
                      {addr.name} {addr.phone} · {addr.province}
                      {addr.city}
                      {addr.district} {addr.detail}
                    </div>
                  )}
                  {o.trackingNo && (
                    <div className="muted">
                      {t('运单号', 'Tracking')}: {o.trackingNo}
                    </div>
                  )}
                  {o.code && <VirtualCode code={o.code} />}
                  {o.status === 'awaiting_address' && !o.code && (
                    <Button color="primary" block onClick={() => setEditing(o)}>
                      {t('填写收货地址', 'Give delivery address')}
                    </Button>
                  )}
                  {o.status === 'shipped' && (
                    <Button color="primary" fill="outline" block onClick={() => void confirm(o)}>
                      {t('确认收货', 'Confirm receipt')}
                    </Button>
                  )}
                </div>
              );
            })}
          </>
        )}
      </QueryView>
      <Popup
        visible={editing !== null}
        onMaskClick={() => setEditing(null)}
        bodyStyle={{ maxHeight: '90vh', overflowY: 'auto' }}
      >
        {editing && (
          <AddressForm
            order={editing}
            onDone={() => {
              setEditing(null);
              void qc.invalidateQueries({ queryKey: ['orders'] });
            }}
          />
        )}
      </Popup>
    </Page>
  );
}
