/** 商城商品: points mall, voucher mall and dividend-point items with stock; voucher kinds. */
import {
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  createMallItemBodySchema,
  createVoucherKindBodySchema,
  restockMallItemBodySchema,
} from '@pingou/contract';
import { ErrorAlert, useNotify } from '../components/errors';
import { HundredthsInput, Money, Points, YuanInput } from '../components/money';
import { PagedTable } from '../components/paged-table';
import { get, post, put } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatInt } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { ITEM_KIND, MALL, label } from '../lib/labels';
import { PageHeader } from '../shell';

interface Item {
  id: number;
  mall: string;
  voucherKindId: number | null;
  voucherKindName: string | null;
  asset: string;
  name: string;
  description: string;
  kind: string;
  pointsPrice: number;
  cashPriceFen: number;
  stock: number;
  isActive: boolean;
}
interface VoucherKind {
  id: number;
  asset: string;
  name: string;
  isActive: boolean;
}

export default function MallsPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const [mall, setMall] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [form] = Form.useForm();
  const kinds = useQuery({
    queryKey: ['voucher-kinds'],
    queryFn: () => get<{ items: VoucherKind[] }>('/admin/voucher-kinds'),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['mall-items'] });
  const canOperate = can('operate');

  const restock = (item: Item) => {
    let qty: number | null = 10;
    Modal.confirm({
      title: t(`补货：${item.name}`, `Restock ${item.name}`),
      content: (
        <InputNumber
          min={1}
          max={1_000_000}
          precision={0}
          defaultValue={10}
          onChange={(v) => (qty = v === null ? null : Number(v))}
        />
      ),
      okText: t('确认补货', 'Restock'),
      onOk: async () => {
        const b = restockMallItemBodySchema.safeParse({ quantity: qty });
        if (!b.success) return;
        try {
          await post(`/admin/mall/items/${item.id}/restock`, b.data);
          notify.ok(t('已补货', 'Restocked'));
          refresh();
        } catch (e) {
          notify.fail(e);
        }
      },
    });
  };

  return (
    <div>
      <PageHeader
        title={t('商城商品', 'Mall items')}
        extra={
          canOperate ? (
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setProblems([]);
                setCreating(true);
              }}
            >
              {t('新增商品', 'New item')}
            </Button>
          ) : null
        }
      />
      <Space style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('全部商城', 'All malls')}
          style={{ width: 180 }}
          value={mall}
          onChange={setMall}
          options={Object.keys(MALL).map((k) => ({ value: k, label: l(MALL[k]!) }))}
        />
      </Space>
      <PagedTable<Item>
        path="/admin/mall/items"
        queryKey={['mall-items']}
        filters={{ mall }}
        rowKey="id"
        columns={[
          { title: 'ID', dataIndex: 'id' },
          { title: t('商品', 'Item'), dataIndex: 'name' },
          {
            title: t('商城', 'Mall'),
            render: (_, i) =>
              `${l(label(MALL, i.mall))}${i.voucherKindName ? ` · ${i.voucherKindName}` : ''}`,
          },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            render: (k: string) => l(label(ITEM_KIND, k)),
          },
          {
            title: t('积分价', 'Points price'),
            dataIndex: 'pointsPrice',
            render: (v: number) => <Points value={v} />,
          },
          {
            title: t('另付现金', 'Plus cash'),
            dataIndex: 'cashPriceFen',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('库存', 'Stock'),
            dataIndex: 'stock',
            render: (v: number) =>
              v === 0 ? <Tag color="red">{t('售罄', 'Sold out')}</Tag> : formatInt(v),
          },
          {
            title: t('上架', 'On sale'),
            dataIndex: 'isActive',
            render: (v: boolean, i) => (
              <Switch
                size="small"
                checked={v}
                disabled={!canOperate}
                onChange={async (on) => {
                  try {
                    await put(`/admin/mall/items/${i.id}`, { isActive: on });
                    refresh();
                  } catch (e) {
                    notify.fail(e);
                  }
                }}
              />
            ),
          },
          {
            title: t('操作', 'Actions'),
            render: (_, i) =>
              canOperate ? (
                <Button size="small" onClick={() => restock(i)}>
                  {t('补货', 'Restock')}
                </Button>
              ) : null,
          },
        ]}
      />
      <VoucherKinds kinds={kinds.data?.items ?? []} error={kinds.error} />
      <Modal
        open={creating}
        title={t('新增商城商品', 'New mall item')}
        onCancel={() => setCreating(false)}
        okText={t('保存', 'Save')}
        destroyOnHidden
        onOk={async () => {
          const v = form.getFieldsValue(true) as Record<string, unknown>;
          const body = createMallItemBodySchema.safeParse({
            mall: v.mall,
            name: v.name,
            description: v.description ?? '',
            kind: v.kind,
            pointsPrice: v.pointsPrice,
            cashPriceFen: v.cashPriceFen ?? 0,
            stock: v.stock,
            isActive: true,
            ...(v.mall === 'voucher' ? { voucherKindId: v.voucherKindId } : {}),
          });
          if (!body.success) {
            setProblems(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
            return;
          }
          try {
            await post('/admin/mall/items', body.data);
            notify.ok(t('已新增商品', 'Item added'));
            setCreating(false);
            refresh();
          } catch (e) {
            notify.fail(e);
          }
        }}
      >
        {problems.length ? <ErrorList items={problems} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ mall: 'points', kind: 'product', stock: 100, cashPriceFen: 0 }}
        >
          <Form.Item name="mall" label={t('商城', 'Mall')}>
            <Select options={Object.keys(MALL).map((k) => ({ value: k, label: l(MALL[k]!) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() =>
              form.getFieldValue('mall') === 'voucher' ? (
                <Form.Item name="voucherKindId" label={t('购物券种类', 'Voucher kind')}>
                  <Select
                    options={(kinds.data?.items ?? []).map((k) => ({ value: k.id, label: k.name }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="name" label={t('商品名称', 'Name')}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="description" label={t('说明', 'Description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')}>
            <Select
              options={['product', 'virtual'].map((k) => ({ value: k, label: l(ITEM_KIND[k]!) }))}
            />
          </Form.Item>
          <Form.Item
            name="pointsPrice"
            label={t('积分价（消费积分 / 购物券 / 分红积分）', 'Points price')}
          >
            <HundredthsInput />
          </Form.Item>
          <Form.Item name="cashPriceFen" label={t('另付现金（可为 0）', 'Plus cash (may be 0)')}>
            <YuanInput />
          </Form.Item>
          <Form.Item name="stock" label={t('库存', 'Stock')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function ErrorList({ items }: { items: string[] }) {
  return (
    <ul style={{ color: '#cf1322', paddingLeft: 20 }}>
      {items.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

function VoucherKinds({ kinds, error }: { kinds: VoucherKind[]; error: unknown }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const [name, setName] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['voucher-kinds'] });
  return (
    <Card
      size="small"
      title={t('购物券种类（名称会员可见）', 'Voucher kinds (members see the names)')}
      style={{ marginTop: 16 }}
    >
      <ErrorAlert error={error} />
      {can('operate') ? (
        <Space style={{ marginBottom: 12 }}>
          <Input
            placeholder={t('新种类名称', 'New kind name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={32}
          />
          <Button
            disabled={!createVoucherKindBodySchema.safeParse({ name }).success}
            onClick={async () => {
              try {
                await post('/admin/voucher-kinds', { name: name.trim() });
                setName('');
                refresh();
              } catch (e) {
                notify.fail(e);
              }
            }}
          >
            {t('添加', 'Add')}
          </Button>
        </Space>
      ) : null}
      <Table<VoucherKind>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={kinds}
        columns={[
          { title: 'ID', dataIndex: 'id' },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          {
            title: t('启用', 'Active'),
            dataIndex: 'isActive',
            render: (v: boolean, k) => (
              <Switch
                size="small"
                checked={v}
                disabled={!can('operate')}
                onChange={async (on) => {
                  try {
                    await put(`/admin/voucher-kinds/${k.id}`, { isActive: on });
                    refresh();
                  } catch (e) {
                    notify.fail(e);
                  }
                }}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
