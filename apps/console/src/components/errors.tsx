/** Errors as the operator reads them: the API's message in the current language, and its request id. */
import { Alert, App } from 'antd';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function useErrorText() {
  const { locale, t } = useI18n();
  return (e: unknown): string => {
    if (e instanceof ApiError) {
      const m = locale === 'zh' ? e.body.messageZh : e.body.messageEn;
      const fields = e.body.fields?.map((f) => `${f.path}: ${f.message}`).join('；');
      return fields ? `${m}（${fields}）` : m;
    }
    return t('操作失败，请重试', 'Something went wrong; try again');
  };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const text = useErrorText();
  const { t } = useI18n();
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.body.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={text(error)}
      description={requestId ? `${t('请求编号', 'Request id')}: ${requestId}` : undefined}
    />
  );
}

/** message.error / message.success helpers bound to the current language. */
export function useNotify() {
  const { message } = App.useApp();
  const text = useErrorText();
  return {
    ok: (s: string) => message.success(s),
    fail: (e: unknown) => message.error(text(e), 6),
  };
}
