/** 盲盒奖池: each activity's prize table (weight, stock, value ≤ the cap). */
import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { blindBoxPrizeBodySchema } from '@pingou/contract';
import { ErrorAlert, useNotify } from '../components/errors';
import { HundredthsInput, Money, Points, YuanInput } from '../components/money';
import { get, post } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatBp, formatInt } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { ITEM_KIND, label } from '../lib/labels';
import { PageHeader } from '../shell';
import type { AdminActivity } from './activities';

interface Prize {
  id: number;
  activityId: number;
  name: string;
  kind: string;
  weight: number;
  stock: number;
  valueFen: number;
  amount: number;
}

export default function BlindBoxesPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const [activityId, setActivityId] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const activities = useQuery({
    queryKey: ['activities'],
    queryFn: () => get<{ items: AdminActivity[] }>('/admin/activities'),
  });
  const withBox = (activities.data?.items ?? []).filter((a) => a.draft.winnerRewards.hasBlindBox);
  const aid = activityId ?? withBox[0]?.id;
  const prizes = useQuery({
    queryKey: ['prizes', aid],
    queryFn: () => get<{ items: Prize[] }>(`/admin/activities/${aid}/blind-box/prizes`),
    enabled: aid !== undefined,
  });
  const cap = useQuery({
    queryKey: ['blind-box-cap'],
    queryFn: () => get<{ capFen: number }>('/admin/settings/blind-box-cap'),
  });
  const totalWeight = (prizes.data?.items ?? []).reduce(
    (s, p) => s + (p.stock > 0 ? p.weight : 0),
    0,
  );
  const refresh = () => void qc.invalidateQueries({ queryKey: ['prizes', aid] });
  return (
    <div>
      <PageHeader
        title={t('盲盒奖池', 'Blind boxes')}
        extra={
          can('operate') && aid ? (
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setAdding(true);
              }}
            >
              {t('添加奖品', 'Add prize')}
            </Button>
          ) : null
        }
      />
      {cap.data ? (
        <Typography.Paragraph type="secondary">
          {t('单个奖品价值上限：', 'Prize value cap: ')}
          <Money fen={cap.data.capFen} />
          {t('（在「参数设置」修改）', ' (change it in Settings)')}
        </Typography.Paragraph>
      ) : null}
      <Space style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 280 }}
          placeholder={t('选择活动', 'Choose an activity')}
          value={aid}
          onChange={setActivityId}
          options={(activities.data?.items ?? []).map((a) => ({
            value: a.id,
            label: `${a.name}${a.draft.winnerRewards.hasBlindBox ? '' : t('（未开启盲盒）', ' (no blind box)')}`,
          }))}
        />
      </Space>
      {aid === undefined ? (
        <Alert type="info" title={t('还没有开启盲盒的活动', 'No activity has a blind box yet')} />
      ) : null}
      <ErrorAlert error={prizes.error} />
      <Table<Prize>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={prizes.isFetching}
        dataSource={prizes.data?.items ?? []}
        columns={[
          { title: t('奖品', 'Prize'), dataIndex: 'name' },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            render: (k: string) => l(label(ITEM_KIND, k)),
          },
          {
            title: t('权重', 'Weight'),
            dataIndex: 'weight',
            render: (w: number, p) =>
              `${formatInt(w)}${p.stock > 0 && totalWeight ? `（${formatBp(Math.floor((w * 10000) / totalWeight))}）` : ''}`,
          },
          { title: t('库存', 'Stock'), dataIndex: 'stock', render: formatInt },
          {
            title: t('价值', 'Value'),
            dataIndex: 'valueFen',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('积分/购物金数量', 'Points / gold'),
            dataIndex: 'amount',
            render: (v: number) => <Points value={v} />,
          },
          {
            title: t('操作', 'Actions'),
            render: (_, p) =>
              can('operate') ? (
                <Button
                  size="small"
                  onClick={() => {
                    let add: number | null = 10;
                    Modal.confirm({
                      title: t(`补充库存：${p.name}`, `Restock ${p.name}`),
                      content: (
                        <InputNumber
                          min={1}
                          precision={0}
                          defaultValue={10}
                          onChange={(v) => (add = v === null ? null : Number(v))}
                        />
                      ),
                      onOk: async () => {
                        try {
                          await post(`/admin/blind-box/prizes/${p.id}/restock`, { add });
                          refresh();
                        } catch (e) {
                          notify.fail(e);
                        }
                      },
                    });
                  }}
                >
                  {t('补库存', 'Restock')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(
          '中奖概率 = 奖品权重 ÷ 有库存奖品的权重之和；开盒使用与开奖相同的承诺-揭示随机数，会员可验证。',
          'Chance = weight ÷ the total weight of prizes in stock; opened with the same commit-reveal randomness as draws.',
        )}
      </Typography.Paragraph>
      <Modal
        open={adding}
        title={t('添加奖品', 'Add a prize')}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        onOk={async () => {
          const v = form.getFieldsValue(true) as Record<string, unknown>;
          const body = blindBoxPrizeBodySchema.safeParse({ ...v, amount: v.amount ?? 0 });
          if (!body.success) {
            notify.fail(new Error());
            form.setFields(
              body.error.issues.map((i) => ({ name: i.path as string[], errors: [i.message] })),
            );
            return;
          }
          try {
            await post(`/admin/activities/${aid}/blind-box/prizes`, body.data);
            setAdding(false);
            refresh();
          } catch (e) {
            notify.fail(e);
          }
        }}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'product', weight: 100, stock: 10, valueFen: 0, amount: 0 }}
        >
          <Form.Item name="name" label={t('奖品名称', 'Name')}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')}>
            <Select
              options={['product', 'cash', 'points', 'gold'].map((k) => ({
                value: k,
                label: l(ITEM_KIND[k]!),
              }))}
            />
          </Form.Item>
          <Form.Item name="weight" label={t('权重（越大越容易抽中）', 'Weight')}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="stock" label={t('库存', 'Stock')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item
            name="valueFen"
            label={t('价值（现金奖品即发放金额）', 'Value (a cash prize pays this)')}
          >
            <YuanInput />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t(
              '消费积分 / 购物金数量（其他类型填 0）',
              'Points or gold credited (0 otherwise)',
            )}
          >
            <HundredthsInput />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
