/** Loading, error and empty states, the same on every page. */
import type { ReactNode } from 'react';
import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state" role="status" aria-live="polite">
      <DotLoading color="primary" />
      <span>{label ?? t('加载中', 'Loading')}</span>
    </div>
  );
}

export function errorText(e: unknown, locale: 'zh' | 'en'): string {
  if (e instanceof ApiError) return locale === 'zh' ? e.messageZh : e.messageEn;
  return locale === 'zh' ? '出了点问题，请稍后再试' : 'Something went wrong, please try again';
}

export function Failed({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t, locale } = useI18n();
  return (
    <div className="state" role="alert">
      <ErrorBlock
        status="default"
        title={t('加载失败', 'Could not load')}
        description={errorText(error, locale)}
      >
        {retry && (
          <Button color="primary" fill="outline" onClick={retry}>
            {t('重试', 'Retry')}
          </Button>
        )}
      </ErrorBlock>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state empty">
      <ErrorBlock status="empty" title={children} description={null} />
    </div>
  );
}

/** Renders a query's three states, then the content. */
export function QueryView<T>({
  q,
  children,
  isEmpty,
  empty,
}: {
  q: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
}) {
  if (q.isPending) return <Loading />;
  if (q.error || q.data === undefined)
    return <Failed error={q.error} retry={() => void q.refetch()} />;
  if (isEmpty?.(q.data)) return <Empty>{empty}</Empty>;
  return <>{children(q.data)}</>;
}
