/**
 * A table over a keyset-paged API list (items + nextBefore): the server pages and
 * filters; the table keeps the stack of cursors for 上一页 / 下一页.
 */
import { Button, Space, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { get, type Page } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { ErrorAlert } from './errors';

type Filters = Record<string, string | number | boolean | null | undefined>;

export function PagedTable<T extends object>({
  path,
  filters = {},
  columns,
  rowKey,
  pageSize = 20,
  extra,
  queryKey,
}: {
  path: string;
  filters?: Filters;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  pageSize?: number;
  extra?: ReactNode;
  queryKey?: unknown[];
}) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const filterKey = JSON.stringify(filters);
  useEffect(() => setCursors([undefined]), [filterKey]);
  const before = cursors[cursors.length - 1];
  const q = useQuery({
    queryKey: [...(queryKey ?? [path]), filters, before, pageSize],
    queryFn: () => get<Page<T>>(path, { ...filters, limit: pageSize, before }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <ErrorAlert error={q.error} />
      <Table<T>
        size="middle"
        rowKey={rowKey}
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'space-between' }}>
        <span style={{ color: '#888' }}>
          {t(`第 ${cursors.length} 页`, `Page ${cursors.length}`)}
        </span>
        <Space>
          {extra}
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('上一页', 'Previous')}
          </Button>
          <Button
            disabled={!q.data?.nextBefore}
            onClick={() => setCursors((c) => [...c, q.data!.nextBefore!])}
          >
            {t('下一页', 'Next')}
          </Button>
        </Space>
      </Space>
    </div>
  );
}
