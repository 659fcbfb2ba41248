/**
 * 库存: per option of an activity, what is left, reserved by open groups and sold to winners;
 * set a product option's stock (empty = unlimited), or upload a virtual option's codes (one per
 * line; its stock is the number of codes). Read-only for roles that cannot operate.
 */
import {
  Alert,
  Button,
  Card,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  MAX_CODES_PER_UPLOAD,
  type ActivityStock,
  type OptionStock,
  type VirtualCodesView,
} from '@pingou/contract';
import { get, post, put } from '../lib/api';
import { ErrorAlert, useNotify } from '../components/errors';
import { useAuth } from '../lib/auth';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';

/** The codes typed in a textarea: one per line, blanks and repeats left out. */
export function codesFromText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function StockPanel({ activityId }: { activityId: number }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const readOnly = !can('operate');
  const qc = useQueryClient();
  const notify = useNotify();
  const [editing, setEditing] = useState<OptionStock | null>(null);
  const [stockValue, setStockValue] = useState<number | null>(null);
  const [uploading, setUploading] = useState<OptionStock | null>(null);
  const [codesText, setCodesText] = useState('');
  const [showCodes, setShowCodes] = useState<OptionStock | null>(null);

  const q = useQuery({
    queryKey: ['activity-stock', activityId],
    queryFn: () => get<ActivityStock>(`/admin/activities/${activityId}/stock`),
  });
  const codes = useQuery({
    queryKey: ['activity-codes', activityId, showCodes?.optionId],
    queryFn: () =>
      get<VirtualCodesView>(`/admin/activities/${activityId}/options/${showCodes!.optionId}/codes`),
    enabled: showCodes !== null,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['activity-stock', activityId] });
    void qc.invalidateQueries({ queryKey: ['activity-codes', activityId] });
  };
  const setStock = useMutation({
    mutationFn: () =>
      put<OptionStock>(`/admin/activities/${activityId}/stock/${editing!.optionId}`, {
        stock: stockValue,
      }),
    onSuccess: () => {
      setEditing(null);
      refresh();
      notify.ok(t('库存已更新', 'Stock updated'));
    },
    onError: (e) => notify.fail(e),
  });
  const upload = useMutation({
    mutationFn: () =>
      post<{ added: number; duplicates: number }>(
        `/admin/activities/${activityId}/options/${uploading!.optionId}/codes`,
        { codes: codesFromText(codesText) },
      ),
    onSuccess: (r) => {
      setUploading(null);
      setCodesText('');
      refresh();
      notify.ok(
        t(
          `已上传 ${r.added} 个兑换码${r.duplicates ? `，${r.duplicates} 个重复已忽略` : ''}`,
          `${r.added} codes uploaded${r.duplicates ? `, ${r.duplicates} duplicates left out` : ''}`,
        ),
      );
    },
    onError: (e) => notify.fail(e),
  });
  const typed = codesFromText(codesText).length;

  return (
    <Card size="small" title={t('库存', 'Stock')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        {t(
          '每个座位参团时预留一件（任何座位都可能中奖），开奖后中奖者的预留转为已售，未中奖、失败或超时退款的预留释放。库存不填为不限量。虚拟商品的库存即上传的兑换码数量。',
          'Each seat reserves one unit when it joins (any seat may win); the draw sells the winners’ units and releases the rest, as do failed and refunded groups. Empty stock = unlimited. A virtual option’s stock is its uploaded codes.',
        )}
      </Typography.Paragraph>
      <ErrorAlert error={q.error} />
      <Table<OptionStock>
        rowKey="optionId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.options ?? []}
        pagination={false}
        columns={[
          { title: t('选项', 'Option'), render: (_, o) => `#${o.optionId} ${o.name}` },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            render: (k: OptionStock['kind']) =>
              ({
                product: t('实物商品', 'Product'),
                virtual: t('虚拟商品', 'Virtual'),
                voucher: t('购物券', 'Voucher'),
              })[k],
          },
          {
            title: t('库存', 'Stock'),
            render: (_, o) => (o.hasStock && o.stock !== null ? o.stock : t('不限', 'Unlimited')),
          },
          {
            title: t('剩余', 'Remaining'),
            render: (_, o) =>
              o.remaining === null ? (
                '—'
              ) : o.remaining === 0 ? (
                <Tag color="red">{t('已售罄', 'Sold out')}</Tag>
              ) : (
                o.remaining
              ),
          },
          { title: t('已预留', 'Reserved'), dataIndex: 'reserved' },
          { title: t('已售出', 'Sold'), dataIndex: 'sold' },
          {
            title: t('兑换码（可用 / 已发）', 'Codes (available / given)'),
            render: (_, o) => (o.codes ? `${o.codes.available} / ${o.codes.assigned}` : '—'),
          },
          {
            title: t('操作', 'Actions'),
            render: (_, o) => (
              <Space>
                {o.kind === 'product' && !readOnly ? (
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing(o);
                      setStockValue(o.stock);
                    }}
                  >
                    {t('设置库存', 'Set stock')}
                  </Button>
                ) : null}
                {o.kind === 'virtual' && !readOnly ? (
                  <Button size="small" onClick={() => setUploading(o)}>
                    {t('上传兑换码', 'Upload codes')}
                  </Button>
                ) : null}
                {o.kind === 'virtual' ? (
                  <Button size="small" onClick={() => setShowCodes(o)}>
                    {t('查看兑换码', 'Codes')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t(`设置库存：${editing.name}`, `Set stock: ${editing.name}`) : ''}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={setStock.isPending}
        onOk={() => setStock.mutate()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <InputNumber
            aria-label={t('库存', 'Stock')}
            min={0}
            max={1_000_000_000}
            precision={0}
            style={{ width: 200 }}
            value={stockValue}
            placeholder={t('不填为不限量', 'Empty = unlimited')}
            onChange={(v) => setStockValue(typeof v === 'number' ? v : null)}
          />
          {editing ? (
            <Typography.Text type="secondary">
              {t(
                `不能少于已预留 + 已售出（${editing.reserved + editing.sold}）。`,
                `Not below reserved + sold (${editing.reserved + editing.sold}).`,
              )}
            </Typography.Text>
          ) : null}
        </Space>
      </Modal>
      <Modal
        open={uploading !== null}
        title={
          uploading ? t(`上传兑换码：${uploading.name}`, `Upload codes: ${uploading.name}`) : ''
        }
        okText={t('上传', 'Upload')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ disabled: typed === 0 || typed > MAX_CODES_PER_UPLOAD }}
        confirmLoading={upload.isPending}
        onOk={() => upload.mutate()}
        onCancel={() => setUploading(null)}
        destroyOnHidden
      >
        <Input.TextArea
          aria-label={t('兑换码', 'Codes')}
          rows={10}
          value={codesText}
          placeholder={t('每行一个兑换码', 'One code per line')}
          onChange={(e) => setCodesText(e.target.value)}
        />
        <Typography.Text type={typed > MAX_CODES_PER_UPLOAD ? 'danger' : 'secondary'}>
          {t(
            `共 ${typed} 个（每次最多 ${MAX_CODES_PER_UPLOAD} 个；已有的会被忽略）`,
            `${typed} codes (at most ${MAX_CODES_PER_UPLOAD} at a time; existing ones are left out)`,
          )}
        </Typography.Text>
      </Modal>
      <Modal
        open={showCodes !== null}
        title={showCodes ? t(`兑换码：${showCodes.name}`, `Codes: ${showCodes.name}`) : ''}
        footer={null}
        onCancel={() => setShowCodes(null)}
        destroyOnHidden
      >
        <ErrorAlert error={codes.error} />
        {codes.data ? (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={t(
                `可用 ${codes.data.available} 个，已发放 ${codes.data.assigned} 个。兑换码只显示后 4 位。`,
                `${codes.data.available} available, ${codes.data.assigned} given. Only the last 4 characters are shown.`,
              )}
            />
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={codes.data.recent}
              columns={[
                { title: t('兑换码', 'Code'), dataIndex: 'masked' },
                {
                  title: t('状态', 'State'),
                  dataIndex: 'isAssigned',
                  render: (v: boolean) =>
                    v ? (
                      <Tag>{t('已发放', 'Given')}</Tag>
                    ) : (
                      <Tag color="green">{t('可用', 'Available')}</Tag>
                    ),
                },
                { title: t('上传时间', 'Uploaded'), dataIndex: 'createdAt', render: formatTime },
              ]}
            />
          </>
        ) : null}
      </Modal>
    </Card>
  );
}
