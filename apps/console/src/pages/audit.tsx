/** 操作日志: every operator action with before / after, filterable by action, target and operator. */
import { Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { PagedTable } from '../components/paged-table';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PageHeader } from '../shell';

interface AuditRow {
  id: number;
  operatorId: number | null;
  action: string;
  targetKind: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  createdAt: string;
}

const ACTIONS: Record<string, [string, string]> = {
  'activity.create': ['创建活动', 'Create activity'],
  'activity.update': ['修改活动草稿', 'Edit activity'],
  'activity.publish': ['发布活动', 'Publish activity'],
  'activity.pause': ['暂停活动', 'Pause activity'],
  'activity.resume': ['恢复活动', 'Resume activity'],
  'activity.end': ['结束活动', 'End activity'],
  'group.house_fill': ['机器人补位', 'Robot fill'],
  'group.manual_open': ['手动开团', 'Manual open'],
  'withdrawal.approve': ['通过提现', 'Approve withdrawal'],
  'withdrawal.reject': ['驳回提现', 'Reject withdrawal'],
  'member.freeze': ['冻结会员', 'Freeze member'],
  'member.unfreeze': ['解冻会员', 'Unfreeze member'],
  'member.upline': ['更正上级', 'Correct upline'],
  'member.tier': ['调整等级', 'Assign tier'],
  'member.agent': ['设置代理', 'Set agent'],
  'settlement.catch_up': ['补结算', 'Catch up settlements'],
};

export default function AuditPage() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [shown, setShown] = useState<AuditRow | null>(null);
  const set = (k: string, v: string) => setFilters((f) => ({ ...f, [k]: v.trim() || undefined }));
  const actionName = (a: string) => {
    const n = ACTIONS[a];
    return n ? `${locale === 'zh' ? n[0] : n[1]}（${a}）` : a;
  };
  return (
    <div>
      <PageHeader
        title={t('操作日志', 'Audit log')}
        sub={t(
          '后台的每一次修改操作都在这里，不能删除或修改。',
          'Every admin action; append-only.',
        )}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('操作（如 activity.publish）', 'Action (e.g. activity.publish)')}
          style={{ width: 240 }}
          onSearch={(v) => set('action', v)}
        />
        <Input.Search
          allowClear
          placeholder={t('对象类型（如 member）', 'Target kind (e.g. member)')}
          style={{ width: 200 }}
          onSearch={(v) => set('targetKind', v)}
        />
        <Input.Search
          allowClear
          placeholder={t('对象ID', 'Target id')}
          style={{ width: 140 }}
          onSearch={(v) => set('targetId', v)}
        />
        <Input.Search
          allowClear
          placeholder={t('管理员ID', 'Operator id')}
          style={{ width: 140 }}
          onSearch={(v) => set('operatorId', v)}
        />
      </Space>
      <PagedTable<AuditRow>
        path="/admin/audit"
        queryKey={['audit']}
        filters={filters}
        rowKey="id"
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('管理员', 'Operator'),
            dataIndex: 'operatorId',
            render: (v: number | null) => (v === null ? t('系统', 'System') : `#${v}`),
          },
          { title: t('操作', 'Action'), dataIndex: 'action', render: actionName },
          {
            title: t('对象', 'Target'),
            render: (_, r) => `${r.targetKind}${r.targetId ? ` #${r.targetId}` : ''}`,
          },
          {
            title: t('请求编号', 'Request'),
            dataIndex: 'requestId',
            render: (v: string | null) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {v ?? '—'}
              </Typography.Text>
            ),
          },
          {
            title: '',
            render: (_, r) => <a onClick={() => setShown(r)}>{t('查看变更', 'Changes')}</a>,
          },
        ]}
      />
      <Modal
        open={shown !== null}
        footer={null}
        width={720}
        title={shown ? actionName(shown.action) : ''}
        onCancel={() => setShown(null)}
      >
        {shown ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{t('修改前', 'Before')}</Typography.Text>
            <pre style={{ background: '#fafafa', padding: 12, maxHeight: 240, overflow: 'auto' }}>
              {JSON.stringify(shown.before, null, 2)}
            </pre>
            <Typography.Text strong>{t('修改后', 'After')}</Typography.Text>
            <pre style={{ background: '#fafafa', padding: 12, maxHeight: 240, overflow: 'auto' }}>
              {JSON.stringify(shown.after, null, 2)}
            </pre>
          </Space>
        ) : null}
      </Modal>
    </div>
  );
}
