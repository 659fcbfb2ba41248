/** 管理员账号 (super admin): operator accounts and their roles. */
import { Button, Card, Form, Input, Select, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createOperatorBodySchema } from '@pingou/contract';
import { ErrorAlert, useNotify } from '../components/errors';
import { get, post } from '../lib/api';
import { ROLE_LABELS, type Role } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { PageHeader } from '../shell';

export default function OperatorsPage() {
  const { t, l } = useI18n();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['operators'],
    queryFn: () =>
      get<{ items: { id: number; username: string; role: Role; isDisabled: boolean }[] }>(
        '/admin/operators',
      ),
  });
  return (
    <div>
      <PageHeader title={t('管理员账号', 'Operators')} />
      <ErrorAlert error={q.error} />
      <Card size="small" title={t('添加管理员', 'Add an operator')} style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ role: 'operator' }}
          onFinish={async (v) => {
            const body = createOperatorBodySchema.safeParse(v);
            if (!body.success) {
              form.setFields(
                body.error.issues.map((i) => ({ name: i.path as string[], errors: [i.message] })),
              );
              return;
            }
            try {
              await post('/admin/operators', body.data);
              form.resetFields();
              notify.ok(t('已添加', 'Added'));
              void qc.invalidateQueries({ queryKey: ['operators'] });
            } catch (e) {
              notify.fail(e);
            }
          }}
        >
          <Form.Item name="username" label={t('账号', 'Username')}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('初始密码（至少 8 位）', 'Password (8+)')}>
            <Input.Password />
          </Form.Item>
          <Form.Item name="role" label={t('角色', 'Role')}>
            <Select
              style={{ width: 150 }}
              options={(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
                value: r,
                label: l(ROLE_LABELS[r]),
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('添加', 'Add')}
          </Button>
        </Form>
      </Card>
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: 'ID', dataIndex: 'id' },
          { title: t('账号', 'Username'), dataIndex: 'username' },
          {
            title: t('角色', 'Role'),
            dataIndex: 'role',
            render: (r: Role) => <Tag>{l(ROLE_LABELS[r])}</Tag>,
          },
          {
            title: t('状态', 'State'),
            dataIndex: 'isDisabled',
            render: (d: boolean) => (d ? t('已停用', 'Disabled') : t('正常', 'Active')),
          },
        ]}
      />
    </div>
  );
}
