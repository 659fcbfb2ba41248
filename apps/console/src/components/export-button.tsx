/** 导出 CSV（Excel 可直接打开）with a running count while the pages download. */
import { Button, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import { exportCsv, type CsvColumn } from '../lib/export';
import { useI18n } from '../lib/i18n';
import { useNotify } from './errors';

export function ExportButton<T>({
  path,
  filters,
  columns,
  fileName,
}: {
  path: string;
  filters: Record<string, string | number | undefined>;
  columns: CsvColumn<T>[];
  fileName: string;
}) {
  const { t } = useI18n();
  const notify = useNotify();
  const [rows, setRows] = useState<number | null>(null);
  return (
    <>
      <Button
        loading={rows !== null}
        onClick={async () => {
          setRows(0);
          try {
            const n = await exportCsv(path, filters, columns, fileName, setRows);
            notify.ok(t(`已导出 ${n} 条`, `Exported ${n} rows`));
          } catch (e) {
            notify.fail(e);
          } finally {
            setRows(null);
          }
        }}
      >
        {t('导出 Excel（CSV）', 'Export to Excel (CSV)')}
      </Button>
      <Modal open={rows !== null} footer={null} closable={false} title={t('正在导出', 'Exporting')}>
        <Progress percent={99} status="active" showInfo={false} />
        <Typography.Text>{t(`已读取 ${rows ?? 0} 条…`, `${rows ?? 0} rows read…`)}</Typography.Text>
      </Modal>
    </>
  );
}
