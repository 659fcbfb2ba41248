/**
 * 拼团与开奖: groups by activity, state and day; unfilled groups can be filled with
 * house seats (机器人补位) or a group opened with house seats (手动开团).
 */
import {
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { houseFillBodySchema, manualOpenBodySchema, type ConsoleGroup } from '@pingou/contract';
import { useNotify } from '../components/errors';
import { Money } from '../components/money';
import { PagedTable } from '../components/paged-table';
import { get, post } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { GROUP_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';
import type { AdminActivity } from './activities';

const STATUS_COLOR: Record<string, string> = {
  open: 'blue',
  full: 'cyan',
  drawn: 'green',
  failed: 'red',
  expired: 'orange',
};

export function HouseFillButton({
  group,
  onDone,
}: {
  group: { id: number; groupSize: number; seatsTaken: number };
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const empty = group.groupSize - group.seatsTaken;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('机器人补位', 'Robot fill')}
      </Button>
      <Modal
        open={open}
        title={t(`机器人补位：团 #${group.id}`, `Robot fill group #${group.id}`)}
        okText={t('确认补位并开奖', 'Fill and draw')}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !houseFillBodySchema.safeParse({ reason }).success }}
        onOk={async () => {
          setBusy(true);
          try {
            const r = await post<{ outcome: string; winners: number[] }>(
              `/admin/groups/${group.id}/house-fill`,
              { reason },
            );
            notify.ok(
              r.outcome === 'drawn'
                ? t(
                    `已补位并开奖，中奖座位：${r.winners.join('、')}`,
                    `Filled and drawn; winning seats ${r.winners.join(', ')}`,
                  )
                : t('已补位，成团失败已退款', 'Filled; the group failed and was refunded'),
            );
            setOpen(false);
            onDone?.();
          } catch (e) {
            notify.fail(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph>
          {t(
            `将用平台座位补满剩余的 ${empty} 个空位并立即开奖。这些座位会向会员显示为「平台补位」，不会中奖，也不产生任何奖励或佣金。真人少于中奖人数时不能补位。此操作会记入操作日志。`,
            `The ${empty} empty seats will be filled with house seats and the group drawn now. Members see them as 平台补位 (house seats); they never win and earn nothing. Audited.`,
          )}
        </Typography.Paragraph>
        <Input.TextArea
          rows={2}
          placeholder={t('补位原因（必填）', 'Reason (required)')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
        />
      </Modal>
    </>
  );
}

function ManualOpen({ activities, onDone }: { activities: AdminActivity[]; onDone: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('手动开团', 'Open a group')}</Button>
      <Modal
        open={open}
        title={t('手动开团（预置平台补位座位）', 'Open a group with house seats')}
        okText={t('确认开团', 'Open')}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = (await form.validateFields()) as {
            activityId: number;
            houseSeats: number;
            reason: string;
          };
          const body = manualOpenBodySchema.safeParse({
            houseSeats: v.houseSeats,
            reason: v.reason,
          });
          if (!body.success) return;
          setBusy(true);
          try {
            const r = await post<{ groupId: number }>(
              `/admin/activities/${v.activityId}/manual-open`,
              body.data,
            );
            notify.ok(t(`已开团 #${r.groupId}`, `Opened group #${r.groupId}`));
            setOpen(false);
            onDone();
          } catch (e) {
            notify.fail(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph>
          {t(
            '新团的前几个座位由平台占位，会员看到的是「平台补位」；平台座位不中奖、不产生奖励。剩余座位至少要够中奖人数的真人。',
            'The first seats of the new group are house seats, shown as 平台补位; they never win. Enough seats must remain for the winners.',
          )}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="activityId"
            label={t('活动', 'Activity')}
            rules={[{ required: true, message: t('请选择活动', 'Choose an activity') }]}
          >
            <Select
              options={activities
                .filter((a) => a.status === 'published')
                .map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
          <Form.Item
            name="houseSeats"
            label={t('平台补位座位数', 'House seats')}
            rules={[{ required: true, message: t('请填写座位数', 'Enter a number') }]}
          >
            <InputNumber min={1} max={999} precision={0} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('原因', 'Reason')}
            rules={[{ required: true, message: t('请填写原因', 'Enter a reason') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function GroupsPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const activities = useQuery({
    queryKey: ['activities'],
    queryFn: () => get<{ items: AdminActivity[] }>('/admin/activities'),
  });
  const filters = {
    activityId: params.get('activityId') ?? undefined,
    status: params.get('status') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const setFilter = (k: string, v: string | undefined | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const refresh = () => void qc.invalidateQueries({ queryKey: ['groups'] });
  return (
    <div>
      <PageHeader
        title={t('拼团与开奖', 'Groups and draws')}
        extra={
          can('operate') ? (
            <ManualOpen activities={activities.data?.items ?? []} onDone={refresh} />
          ) : null
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('全部活动', 'All activities')}
          value={filters.activityId ? Number(filters.activityId) : undefined}
          onChange={(v?: number) => setFilter('activityId', v ? String(v) : null)}
          options={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('全部状态', 'All states')}
          value={filters.status}
          onChange={(v?: string) => setFilter('status', v)}
          options={Object.keys(GROUP_STATUS).map((k) => ({ value: k, label: l(GROUP_STATUS[k]) }))}
        />
        <Button onClick={() => setFilter('status', 'open')}>
          {t('只看未满员', 'Unfilled only')}
        </Button>
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
      <PagedTable<ConsoleGroup>
        path="/admin/console/groups"
        queryKey={['groups']}
        filters={filters}
        rowKey="id"
        columns={[
          {
            title: t('团号', 'Group'),
            dataIndex: 'id',
            render: (v: number) => <Link to={`/groups/${v}`}>#{v}</Link>,
          },
          { title: t('活动', 'Activity'), dataIndex: 'activityName' },
          {
            title: t('团状态', 'State'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{l(label(GROUP_STATUS, s))}</Tag>,
          },
          {
            title: t('座位', 'Seats'),
            render: (_, g) => (
              <span>
                {g.seatsTaken} / {g.groupSize}
                {g.houseSeats > 0 ? (
                  <Tag style={{ marginLeft: 8 }}>
                    {t(`平台补位 ${g.houseSeats}`, `${g.houseSeats} house`)}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          {
            title: t('价格', 'Price'),
            dataIndex: 'priceFen',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('本团现金利润', 'Cash profit'),
            dataIndex: 'cashProfitFen',
            render: (v: number | null) => <Money fen={v} />,
          },
          { title: t('开团时间', 'Opened'), dataIndex: 'openedAt', render: formatTime },
          { title: t('结束时间', 'Closed'), dataIndex: 'closedAt', render: formatTime },
          {
            title: t('操作', 'Actions'),
            render: (_, g) => (
              <Space>
                <Button size="small" onClick={() => nav(`/groups/${g.id}`)}>
                  {t('详情', 'Details')}
                </Button>
                {g.status === 'open' && can('operate') ? (
                  <HouseFillButton group={g} onDone={refresh} />
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
