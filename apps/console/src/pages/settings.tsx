/**
 * 参数设置: withdrawal minimum and fee, pool calendar windows, static release, blind-box
 * cap, the point kinds' names, team tiers and the platform time zone. Each form validates
 * with the API's schema.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Modal,
  Radio,
  Row,
  Space,
  Switch,
  Table,
  Typography,
  Input,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import {
  ASSET_LABELS,
  NAMEABLE_ASSETS,
  assetNamesSchema,
  blindBoxCapSchema,
  type AssetNames,
  poolWindowSettingsSchema,
  tierBodySchema,
  withdrawalRulesSchema,
} from '@pingou/contract';
import type { z } from 'zod';
import { ErrorAlert, useNotify } from '../components/errors';
import { PercentInput, YuanInput } from '../components/money';
import { get, put, post } from '../lib/api';
import { useAuth, type Capability } from '../lib/auth';
import { formatBp } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { PageHeader } from '../shell';

type WithdrawalRules = z.infer<typeof withdrawalRulesSchema>;
interface StaticRelease {
  isEnabled: boolean;
  baseBp: number;
  accelerationBpPerJoin: number;
  maxBp: number;
}
interface Tier {
  id: number;
  code: string;
  name: string;
  rank: number;
  rateBp: number;
}

/**
 * The point kinds' names are edited as text boxes; a kind whose two boxes are both empty is
 * left out (it keeps its default name), everything else goes through the API's schema.
 */
const assetNamesForm = {
  safeParse: (x: AssetNames) =>
    assetNamesSchema.safeParse(
      Object.fromEntries(
        Object.entries(x).filter(([, n]) => n && (n.zh.trim() !== '' || n.en.trim() !== '')),
      ),
    ),
} as unknown as z.ZodType<AssetNames>;

/** One settings card: loads, edits a copy, validates with `schema`, saves with PUT. */
function SettingCard<T>({
  title,
  path,
  schema,
  who,
  help,
  children,
}: {
  title: string;
  path: string;
  schema: z.ZodType<T>;
  who: Capability;
  help?: string;
  children: (v: T, set: (v: T) => void, disabled: boolean) => ReactNode;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const q = useQuery({ queryKey: ['setting', path], queryFn: () => get<T>(path) });
  const [v, setV] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (q.data) setV(q.data);
  }, [q.data]);
  const disabled = !can(who);
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      <ErrorAlert error={q.error} />
      {help ? <Typography.Paragraph type="secondary">{help}</Typography.Paragraph> : null}
      {v !== null ? children(v, setV, disabled) : null}
      {problem ? <Alert type="error" style={{ marginTop: 12 }} title={problem} /> : null}
      {!disabled && v !== null ? (
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          loading={busy}
          onClick={async () => {
            const r = schema.safeParse(v);
            if (!r.success) {
              setProblem(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；'));
              return;
            }
            setProblem(null);
            setBusy(true);
            try {
              await put(path, r.data);
              notify.ok(t('已保存（已记入操作日志）', 'Saved (audited)'));
              void qc.invalidateQueries({ queryKey: ['setting', path] });
            } catch (e) {
              notify.fail(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('保存', 'Save')}
        </Button>
      ) : null}
    </Card>
  );
}

export default function SettingsPage() {
  const { t } = useI18n();
  const dash = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => get<{ timeZone: string; today: string }>('/admin/dashboard', { days: 30 }),
  });
  return (
    <div>
      <PageHeader
        title={t('参数设置', 'Settings')}
        sub={t('每次修改都会记入操作日志。', 'Every change is audited.')}
      />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <SettingCard<WithdrawalRules>
            title={t('提现规则', 'Withdrawal rules')}
            path="/admin/settings/withdrawal-rules"
            schema={withdrawalRulesSchema}
            who="finance"
            help={t(
              '申请时按当时的规则计算手续费并冻结全额；只有财务可以修改。',
              'The fee is fixed when requested; only finance can change this.',
            )}
          >
            {(v, set, disabled) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space>
                  <span>{t('最低提现金额', 'Minimum')}</span>
                  <YuanInput
                    value={v.minimumFen}
                    disabled={disabled}
                    onChange={(x) => set({ ...v, minimumFen: x ?? 0 })}
                    style={{ width: 180 }}
                  />
                </Space>
                <Radio.Group
                  disabled={disabled}
                  value={v.fee.kind}
                  onChange={(e) =>
                    set({
                      ...v,
                      fee:
                        e.target.value === 'rate'
                          ? { kind: 'rate', bp: 650 }
                          : { kind: 'tiers', tiers: [{ fromFen: 0, bp: 650 }] },
                    })
                  }
                  options={[
                    { value: 'rate', label: t('统一费率', 'One rate') },
                    { value: 'tiers', label: t('按金额分档', 'Tiers by amount') },
                  ]}
                />
                {v.fee.kind === 'rate' ? (
                  <Space>
                    <span>{t('手续费率', 'Fee rate')}</span>
                    <PercentInput
                      value={v.fee.bp}
                      disabled={disabled}
                      onChange={(x) => set({ ...v, fee: { kind: 'rate', bp: x ?? 0 } })}
                      style={{ width: 160 }}
                    />
                  </Space>
                ) : (
                  <Space orientation="vertical">
                    {v.fee.tiers.map((tier, i) => (
                      <Space key={i}>
                        <span>{t('金额达到', 'From')}</span>
                        <YuanInput
                          value={tier.fromFen}
                          disabled={disabled}
                          style={{ width: 160 }}
                          onChange={(x) => {
                            if (v.fee.kind !== 'tiers') return;
                            const tiers = v.fee.tiers.map((y, j) =>
                              j === i ? { ...y, fromFen: x ?? 0 } : y,
                            );
                            set({ ...v, fee: { kind: 'tiers', tiers } });
                          }}
                        />
                        <span>{t('费率', 'rate')}</span>
                        <PercentInput
                          value={tier.bp}
                          disabled={disabled}
                          style={{ width: 140 }}
                          onChange={(x) => {
                            if (v.fee.kind !== 'tiers') return;
                            const tiers = v.fee.tiers.map((y, j) =>
                              j === i ? { ...y, bp: x ?? 0 } : y,
                            );
                            set({ ...v, fee: { kind: 'tiers', tiers } });
                          }}
                        />
                      </Space>
                    ))}
                    {!disabled ? (
                      <Button
                        size="small"
                        onClick={() =>
                          v.fee.kind === 'tiers' &&
                          set({
                            ...v,
                            fee: { kind: 'tiers', tiers: [...v.fee.tiers, { fromFen: 0, bp: 0 }] },
                          })
                        }
                      >
                        {t('添加一档', 'Add a tier')}
                      </Button>
                    ) : null}
                  </Space>
                )}
              </Space>
            )}
          </SettingCard>
          <SettingCard<{ inOutUntilDay: number; inOnlyUntilDay: number }>
            title={t('积分池日历窗口', 'Pool calendar windows')}
            path="/admin/settings/pool-windows"
            schema={poolWindowSettingsSchema}
            who="operate"
            help={t(
              '每月 1 日到第一个日期可转入转出（可兑换商品），之后到第二个日期只能转入，再之后到月底冻结。',
              'Day 1 to the first day: in and out; then in only until the second day; frozen to month end.',
            )}
          >
            {(v, set, disabled) => (
              <Space wrap>
                <span>{t('可转入转出至每月', 'In and out until day')}</span>
                <InputNumber
                  min={1}
                  max={27}
                  precision={0}
                  disabled={disabled}
                  value={v.inOutUntilDay}
                  onChange={(x) => set({ ...v, inOutUntilDay: Number(x ?? 1) })}
                />
                <span>{t('日；只能转入至', '; in only until day')}</span>
                <InputNumber
                  min={1}
                  max={27}
                  precision={0}
                  disabled={disabled}
                  value={v.inOnlyUntilDay}
                  onChange={(x) => set({ ...v, inOnlyUntilDay: Number(x ?? 1) })}
                />
                <span>{t('日', '')}</span>
              </Space>
            )}
          </SettingCard>
          <SettingCard<{ capFen: number }>
            title={t('盲盒奖品价值上限', 'Blind box prize cap')}
            path="/admin/settings/blind-box-cap"
            schema={blindBoxCapSchema}
            who="operate"
          >
            {(v, set, disabled) => (
              <YuanInput
                value={v.capFen}
                disabled={disabled}
                onChange={(x) => set({ capFen: x ?? 0 })}
                style={{ width: 200 }}
              />
            )}
          </SettingCard>
          <SettingCard<AssetNames>
            title={t('积分名称', 'Point names')}
            path="/admin/settings/asset-names"
            schema={assetNamesForm}
            who="operate"
            help={t(
              '会员在钱包、明细、活动规则和商城中看到的名称；每项 1–16 个字，中英文都要填写，留空则用默认名称。',
              'The names members see in the wallet, history, activity rules and malls; 1–16 characters, both languages; leave both empty for the default.',
            )}
          >
            {(v, set, disabled) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {NAMEABLE_ASSETS.map((asset) => {
                  const name = v[asset] ?? { zh: '', en: '' };
                  const change = (side: 'zh' | 'en', text: string) =>
                    set({ ...v, [asset]: { ...name, [side]: text } });
                  return (
                    <Space key={asset} wrap>
                      <span style={{ display: 'inline-block', width: 80 }}>
                        {ASSET_LABELS[asset]!.zh}
                      </span>
                      <Input
                        aria-label={t(
                          `${ASSET_LABELS[asset]!.zh} 中文名称`,
                          `${ASSET_LABELS[asset]!.en}: Chinese name`,
                        )}
                        placeholder={ASSET_LABELS[asset]!.zh}
                        maxLength={16}
                        disabled={disabled}
                        value={name.zh}
                        onChange={(e) => change('zh', e.target.value)}
                        style={{ width: 160 }}
                      />
                      <Input
                        aria-label={t(
                          `${ASSET_LABELS[asset]!.zh} 英文名称`,
                          `${ASSET_LABELS[asset]!.en}: English name`,
                        )}
                        placeholder={ASSET_LABELS[asset]!.en}
                        maxLength={16}
                        disabled={disabled}
                        value={name.en}
                        onChange={(e) => change('en', e.target.value)}
                        style={{ width: 180 }}
                      />
                    </Space>
                  );
                })}
              </Space>
            )}
          </SettingCard>
        </Col>
        <Col xs={24} xl={12}>
          <SettingCard<StaticRelease>
            title={t('静态释放（每日 0 点）', 'Static release (daily at 00:00)')}
            path="/admin/settings/static-release"
            schema={
              {
                safeParse: (x: StaticRelease) =>
                  x.baseBp >= 0 && x.maxBp <= 10000 && x.accelerationBpPerJoin >= 0
                    ? { success: true, data: x }
                    : {
                        success: false,
                        error: {
                          issues: [
                            {
                              path: [],
                              message: t('比例必须在 0%–100% 之间', 'Rates must be 0–100%'),
                            },
                          ],
                        },
                      },
              } as unknown as z.ZodType<StaticRelease>
            }
            who="operate"
            help={t(
              '会员的购物金每天按比例释放到零钱；前一天每参团一次加速一次，不超过最高比例。',
              'Gold releases a rate of its balance into cash daily; each join yesterday accelerates it, up to the maximum.',
            )}
          >
            {(v, set, disabled) => (
              <Space orientation="vertical">
                <Space>
                  <Switch
                    checked={v.isEnabled}
                    disabled={disabled}
                    onChange={(x) => set({ ...v, isEnabled: x })}
                  />
                  <span>{v.isEnabled ? t('已开启', 'On') : t('未开启', 'Off')}</span>
                </Space>
                <Space>
                  <span>{t('基础比例', 'Base rate')}</span>
                  <PercentInput
                    value={v.baseBp}
                    disabled={disabled}
                    onChange={(x) => set({ ...v, baseBp: x ?? 0 })}
                    style={{ width: 140 }}
                  />
                  <Typography.Text type="secondary">
                    {t('万分之三 = 0.03%', '3 bp = 0.03%')}
                  </Typography.Text>
                </Space>
                <Space>
                  <span>{t('每次参团加速', 'Per join')}</span>
                  <PercentInput
                    value={v.accelerationBpPerJoin}
                    disabled={disabled}
                    onChange={(x) => set({ ...v, accelerationBpPerJoin: x ?? 0 })}
                    style={{ width: 140 }}
                  />
                </Space>
                <Space>
                  <span>{t('每日最高比例', 'Daily maximum')}</span>
                  <PercentInput
                    value={v.maxBp}
                    disabled={disabled}
                    onChange={(x) => set({ ...v, maxBp: x ?? 0 })}
                    style={{ width: 140 }}
                  />
                </Space>
              </Space>
            )}
          </SettingCard>
          <Tiers />
          <Card size="small" title={t('平台时区', 'Platform time zone')}>
            <Typography.Paragraph>
              {dash.data
                ? t(
                    `当前时区：${dash.data.timeZone}（今天是 ${dash.data.today}）`,
                    `Time zone: ${dash.data.timeZone} (today ${dash.data.today})`,
                  )
                : null}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {t(
                '日、月的分界按此时区计算；由服务器环境变量 PLATFORM_TIME_ZONE 设置，修改需重启服务。',
                'Day and month boundaries use this zone; set by PLATFORM_TIME_ZONE on the server (restart to change).',
              )}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Tiers() {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const notify = useNotify();
  const q = useQuery({
    queryKey: ['tiers'],
    queryFn: () => get<{ items: Tier[] }>('/admin/tiers'),
  });
  const [editing, setEditing] = useState<Partial<Tier> | null>(null);
  const save = async () => {
    if (!editing) return;
    const body = tierBodySchema.safeParse({
      code: editing.code,
      name: editing.name,
      rank: editing.rank,
      rateBp: editing.rateBp,
    });
    if (!body.success) {
      notify.fail(new Error());
      return;
    }
    try {
      if (editing.id) await put(`/admin/tiers/${editing.id}`, body.data);
      else await post('/admin/tiers', body.data);
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['tiers'] });
    } catch (e) {
      notify.fail(e);
    }
  };
  return (
    <Card
      size="small"
      title={t('团队等级（团队级差）', 'Team tiers')}
      style={{ marginBottom: 16 }}
      extra={
        can('operate') ? (
          <Button
            size="small"
            onClick={() => setEditing({ rank: (q.data?.items.length ?? 0) + 1, rateBp: 100 })}
          >
            {t('添加等级', 'Add tier')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={q.error} />
      <Table<Tier>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('代码', 'Code'), dataIndex: 'code' },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('级别', 'Rank'), dataIndex: 'rank' },
          { title: t('级差比例', 'Rate'), dataIndex: 'rateBp', render: formatBp },
          {
            title: '',
            render: (_, x) =>
              can('operate') ? (
                <Button size="small" onClick={() => setEditing(x)}>
                  {t('编辑', 'Edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.id ? t('编辑等级', 'Edit tier') : t('添加等级', 'Add tier')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        destroyOnHidden
      >
        {editing ? (
          <Form layout="vertical">
            <Form.Item label={t('代码（如 V1）', 'Code (e.g. V1)')}>
              <Input
                value={editing.code}
                onChange={(e) => setEditing({ ...editing, code: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('名称', 'Name')}>
              <Input
                value={editing.name}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('级别（越大越高）', 'Rank (higher is senior)')}>
              <InputNumber
                min={1}
                precision={0}
                value={editing.rank}
                onChange={(x) => setEditing({ ...editing, rank: Number(x ?? 1) })}
              />
            </Form.Item>
            <Form.Item label={t('级差比例', 'Rate')}>
              <PercentInput
                value={editing.rateBp}
                onChange={(x) => setEditing({ ...editing, rateBp: x ?? 0 })}
              />
            </Form.Item>
          </Form>
        ) : null}
      </Modal>
    </Card>
  );
}
