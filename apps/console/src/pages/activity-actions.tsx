/** 发布 / 暂停 / 恢复 / 结束 buttons, shown only to roles that may use them. */
import { Button, Popconfirm } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify } from '../components/errors';
import { post } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import type { AdminActivity } from './activities';

export function StatusActions({
  activity: a,
  beforePublish,
  size = 'small',
}: {
  activity: AdminActivity;
  beforePublish?: () => Promise<boolean>;
  size?: 'small' | 'middle';
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const m = useMutation({
    mutationFn: async (action: 'publish' | 'pause' | 'resume' | 'end') => {
      if (action === 'publish' && beforePublish && !(await beforePublish())) return null;
      return post<{ version?: number }>(`/admin/activities/${a.id}/${action}`);
    },
    onSuccess: (r, action) => {
      if (r === null) return;
      void qc.invalidateQueries({ queryKey: ['activities'] });
      void qc.invalidateQueries({ queryKey: ['activity', a.id] });
      notify.ok(
        action === 'publish'
          ? t(`已发布第 ${r.version} 版`, `Published version ${r.version}`)
          : t('已更新活动状态', 'Activity status updated'),
      );
    },
    onError: notify.fail,
  });
  if (!can('operate')) return null;
  const busy = m.isPending;
  return (
    <>
      {a.status !== 'ended' ? (
        <Popconfirm
          title={t('发布当前草稿为新版本？', 'Publish the draft as a new version?')}
          description={t(
            '已开的团仍按原版本结算，新开的团使用新版本。',
            'Open groups keep their version; new groups use the new one.',
          )}
          onConfirm={() => m.mutate('publish')}
        >
          <Button size={size} type="primary" loading={busy}>
            {t('发布', 'Publish')}
          </Button>
        </Popconfirm>
      ) : null}
      {a.status === 'published' ? (
        <Button size={size} loading={busy} onClick={() => m.mutate('pause')}>
          {t('暂停', 'Pause')}
        </Button>
      ) : null}
      {a.status === 'paused' ? (
        <Button size={size} loading={busy} onClick={() => m.mutate('resume')}>
          {t('恢复', 'Resume')}
        </Button>
      ) : null}
      {a.status === 'published' || a.status === 'paused' ? (
        <Popconfirm
          title={t('结束活动？结束后不能再参团。', 'End the activity? Nobody can join afterwards.')}
          onConfirm={() => m.mutate('end')}
        >
          <Button size={size} danger loading={busy}>
            {t('结束', 'End')}
          </Button>
        </Popconfirm>
      ) : null}
    </>
  );
}
