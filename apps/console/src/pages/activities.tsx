/**
 * 活动管理: activities with their state, price zone and group shape, paged and filtered (status,
 * name, 大额专区) by the server; publish / pause / end from the list.
 */
import { Button, Input, Select, Space, Tag } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { activitySettingsSchema } from '@pingou/contract';
import { Money } from '../components/money';
import { PagedTable } from '../components/paged-table';
import { useAuth } from '../lib/auth';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { ACTIVITY_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';
import { StatusActions } from './activity-actions';

export type Settings = z.infer<typeof activitySettingsSchema>;
export interface AdminActivity {
  id: number;
  name: string;
  description: string;
  status: 'draft' | 'published' | 'paused' | 'ended';
  isLargeZone: boolean;
  startsAt: string | null;
  endsAt: string | null;
  currentVersionId: number | null;
  draft: Settings;
  createdAt: string;
}

const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  published: 'green',
  paused: 'orange',
  ended: 'red',
};

export default function ActivitiesPage() {
  const { t, l } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? undefined,
    name: params.get('name') ?? undefined,
    largeZone: params.get('largeZone') ?? undefined,
  };
  const setFilter = (k: string, v?: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  return (
    <div>
      <PageHeader
        title={t('活动管理', 'Activities')}
        extra={
          can('operate') ? (
            <Button type="primary" onClick={() => nav('/activities/new')}>
              {t('新建活动', 'New activity')}
            </Button>
          ) : null
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('活动名称', 'Activity name')}
          defaultValue={filters.name}
          maxLength={64}
          style={{ width: 220 }}
          onSearch={(v) => setFilter('name', v.trim())}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('全部状态', 'All states')}
          value={filters.status}
          onChange={(v?: string) => setFilter('status', v)}
          options={Object.keys(ACTIVITY_STATUS).map((k) => ({
            value: k,
            label: l(ACTIVITY_STATUS[k]),
          }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('全部专区', 'All zones')}
          value={filters.largeZone}
          onChange={(v?: string) => setFilter('largeZone', v)}
          options={[
            { value: 'true', label: t('大额专区', 'Large zone') },
            { value: 'false', label: t('普通专区', 'Regular zones') },
          ]}
        />
      </Space>
      <PagedTable<AdminActivity>
        path="/admin/activities"
        queryKey={['activities', 'page']}
        filters={filters}
        rowKey="id"
        columns={[
          { title: 'ID', dataIndex: 'id', width: 60 },
          {
            title: t('活动名称', 'Name'),
            dataIndex: 'name',
            render: (v: string, a) => (
              <Space>
                <Link to={`/activities/${a.id}`}>{v}</Link>
                {a.isLargeZone ? <Tag color="gold">{t('大额专区', 'Large zone')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={STATUS_COLOR[s]}>{l(label(ACTIVITY_STATUS, s))}</Tag>
            ),
          },
          {
            title: t('价格', 'Price'),
            render: (_, a) => <Money fen={a.draft.priceFen} />,
          },
          {
            title: t('成团人数 / 中奖人数', 'Group size / winners'),
            render: (_, a) =>
              t(
                `${a.draft.groupSize} 人团中 ${a.draft.winners} 人`,
                `${a.draft.winners} of ${a.draft.groupSize}`,
              ),
          },
          { title: t('商品选项', 'Options'), render: (_, a) => a.draft.options.length },
          { title: t('创建时间', 'Created'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('操作', 'Actions'),
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => nav(`/activities/${a.id}`)}>
                  {can('operate') ? t('编辑', 'Edit') : t('查看', 'View')}
                </Button>
                <StatusActions activity={a} />
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
