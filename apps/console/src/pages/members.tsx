/** 会员管理: search by phone, nickname or id; server-side paging. */
import { Input, Space, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PagedTable } from '../components/paged-table';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PageHeader } from '../shell';

interface MemberRow {
  id: number;
  phone: string;
  phoneMasked: string;
  nickname: string;
  uplineId: number | null;
  tierId: number | null;
  isFrozen: boolean;
  createdAt: string;
}

export default function MembersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  return (
    <div>
      <PageHeader title={t('会员管理', 'Members')} />
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          style={{ width: 320 }}
          placeholder={t('手机号、昵称或会员ID', 'Phone, nickname or member id')}
          onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
        />
      </Space>
      <PagedTable<MemberRow>
        path="/admin/members"
        queryKey={['members']}
        filters={{ q }}
        rowKey="id"
        columns={[
          {
            title: t('会员ID', 'ID'),
            dataIndex: 'id',
            render: (v: number) => <Link to={`/members/${v}`}>#{v}</Link>,
          },
          { title: t('昵称', 'Nickname'), dataIndex: 'nickname' },
          { title: t('手机号', 'Phone'), dataIndex: 'phone' },
          {
            title: t('直推上级', 'Upline'),
            dataIndex: 'uplineId',
            render: (v: number | null) => (v ? <Link to={`/members/${v}`}>#{v}</Link> : '—'),
          },
          {
            title: t('状态', 'State'),
            dataIndex: 'isFrozen',
            render: (v: boolean) =>
              v ? (
                <Tag color="red">{t('已冻结', 'Frozen')}</Tag>
              ) : (
                <Tag color="green">{t('正常', 'Active')}</Tag>
              ),
          },
          { title: t('注册时间', 'Registered'), dataIndex: 'createdAt', render: formatTime },
        ]}
      />
    </div>
  );
}
