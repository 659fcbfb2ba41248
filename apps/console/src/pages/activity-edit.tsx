/**
 * 活动编辑: every setting of an activity (SPEC §3, §5, §6) with a plain explanation,
 * validated with the API's own schema before sending, a live preview of one draw's
 * statement, publish / pause / end and the version history.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { activityBodySchema } from '@pingou/contract';
import { ApiError, get, post, put } from '../lib/api';
import { ErrorAlert, useNotify } from '../components/errors';
import { IntInput, Money, PercentInput, RateOrFixedInput, YuanInput } from '../components/money';
import { useAuth } from '../lib/auth';
import { formatTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { ACTIVITY_STATUS, label } from '../lib/labels';
import { PageHeader } from '../shell';
import type { AdminActivity, Settings } from './activities';
import { StatusActions } from './activity-actions';
import { CooldownInput, GoldReleaseInput, TimeoutInput, WindowInput } from './activity-form-parts';
import { DrawPreview } from './draw-preview';
import { StockPanel } from './activity-stock';

interface Version {
  id: number;
  version: number;
  publishedAt: string;
  publishedBy: number | null;
  settings: Settings;
}
type Detail = AdminActivity & { versions: Version[] };

interface FormValues {
  name: string;
  description: string;
  isLargeZone: boolean;
  startsAt: Dayjs | null;
  endsAt: Dayjs | null;
  settings: Settings;
}

const DEFAULT_SETTINGS: Settings = {
  priceFen: 9_900,
  groupSize: 10,
  winners: 3,
  options: [{ id: 1, kind: 'product', name: '', costFen: 0, deliveryCostFen: 0 }],
  dailyJoinLimit: null,
  groupTimeout: null,
  rules: {
    r1FirstOfDaySeatOne: false,
    r2NewcomerSeatOne: false,
    r3Streak: null,
    r4Cumulative: null,
    r5Window: null,
  },
  conflictPolicy: 'fail',
  winnerRewards: {
    dividendPoints: null,
    shoppingGold: null,
    goldRelease: null,
    consumptionPoints: null,
    hasBlindBox: false,
  },
  loserRewards: { cashBonus: null, goldRelease: null, consumptionPoints: null },
  seatRewards: {
    referral: { direct: null, indirect: null },
    teamTiers: [],
    regional: { district: null, city: null, province: null },
    seatGoldRelease: null,
    uplineRelease: { direct: null, indirect: null },
  },
  pools: { monthlyPoolBp: 0, dailyPoolBp: 0 },
};

function toBody(v: FormValues) {
  return {
    name: v.name,
    description: v.description ?? '',
    isLargeZone: !!v.isLargeZone,
    startsAt: v.startsAt ? v.startsAt.format() : null,
    endsAt: v.endsAt ? v.endsAt.format() : null,
    settings: {
      ...v.settings,
      options: (v.settings.options ?? []).map((o, i) => ({
        ...o,
        id: o.id ?? i + 1,
        ...(o.kind === 'voucher' ? {} : { voucherKindId: undefined }),
      })),
    },
  };
}

export default function ActivityEditPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const activityId = isNew ? null : Number(id);
  const { t, l } = useI18n();
  const { can } = useAuth();
  const readOnly = !can('operate');
  const nav = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [shownVersion, setShownVersion] = useState<Version | null>(null);

  const q = useQuery({
    queryKey: ['activity', activityId],
    queryFn: () => get<Detail>(`/admin/activities/${activityId}`),
    enabled: activityId !== null,
  });
  const tiers = useQuery({
    queryKey: ['tiers'],
    queryFn: () =>
      get<{ items: { id: number; code: string; name: string; rank: number }[] }>('/admin/tiers'),
  });
  const voucherKinds = useQuery({
    queryKey: ['voucher-kinds'],
    queryFn: () => get<{ items: { id: number; name: string }[] }>('/admin/voucher-kinds'),
  });
  const watched = Form.useWatch([], form) as FormValues | undefined;
  const previewSettings = (() => {
    if (!watched?.settings) return null;
    const parsed = activityBodySchema.shape.settings.safeParse(toBody(watched).settings);
    return parsed.success ? parsed.data : null;
  })();

  const validate = (): ReturnType<typeof toBody> | null => {
    const body = toBody(form.getFieldsValue(true) as FormValues);
    const r = activityBodySchema.safeParse(body);
    if (r.success) {
      setProblems([]);
      return body;
    }
    setProblems(r.error.issues.map((i) => `${fieldName(i.path.join('.'))}：${i.message}`));
    return null;
  };

  const save = useMutation({
    mutationFn: async () => {
      const body = validate();
      if (!body) return null;
      return isNew
        ? post<AdminActivity>('/admin/activities', body)
        : put<AdminActivity>(`/admin/activities/${activityId}`, body);
    },
    onSuccess: (a) => {
      if (!a) return;
      setSaveError(null);
      void qc.invalidateQueries({ queryKey: ['activities'] });
      void qc.invalidateQueries({ queryKey: ['activity', a.id] });
      notify.ok(t('草稿已保存', 'Draft saved'));
      if (isNew) nav(`/activities/${a.id}`, { replace: true });
    },
    onError: (e) => {
      setSaveError(e);
      if (e instanceof ApiError && e.body.fields)
        setProblems(e.body.fields.map((f) => `${fieldName(f.path)}：${f.message}`));
    },
  });

  const fieldName = (path: string): string => {
    const p = path.replace(/^body\./, '').replace(/^settings\./, '');
    const names: Record<string, string> = {
      name: t('活动名称', 'Name'),
      priceFen: t('价格', 'Price'),
      groupSize: t('成团人数', 'Group size'),
      winners: t('中奖人数', 'Winners'),
      options: t('商品选项', 'Options'),
      endsAt: t('结束时间', 'End time'),
    };
    const head = p.split('.')[0] ?? p;
    return names[p] ?? (names[head] ? `${names[head]} ${p.slice(head.length + 1)}` : p);
  };

  if (!isNew && !q.data) return <ErrorAlert error={q.error} />;
  const a = q.data;
  const initial: FormValues = a
    ? {
        name: a.name,
        description: a.description,
        isLargeZone: a.isLargeZone,
        startsAt: a.startsAt ? dayjs(a.startsAt) : null,
        endsAt: a.endsAt ? dayjs(a.endsAt) : null,
        settings: a.draft,
      }
    : {
        name: '',
        description: '',
        isLargeZone: false,
        startsAt: null,
        endsAt: null,
        settings: DEFAULT_SETTINGS,
      };

  const S = (...p: (string | number)[]) => ['settings', ...p];
  const rateHelp = t(
    '按价格比例填百分比（5 即价格的 5%），或填固定金额。',
    'A percent of the price, or a fixed amount.',
  );

  return (
    <div>
      <PageHeader
        title={isNew ? t('新建活动', 'New activity') : a!.name}
        sub={
          a ? (
            <Space>
              <Tag>{l(label(ACTIVITY_STATUS, a.status))}</Tag>
              {t(`已发布 ${a.versions.length} 个版本`, `${a.versions.length} versions published`)}
            </Space>
          ) : (
            t('保存后为草稿，发布后会员可见', 'Saved as a draft; members see it once published')
          )
        }
        extra={
          <>
            <Button onClick={() => nav('/activities')}>{t('返回列表', 'Back')}</Button>
            {!readOnly ? (
              <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
                {t('保存草稿', 'Save draft')}
              </Button>
            ) : null}
            {a ? (
              <StatusActions
                activity={a}
                size="middle"
                beforePublish={async () => {
                  const r = await save.mutateAsync();
                  return r !== null;
                }}
              />
            ) : null}
          </>
        }
      />
      {readOnly ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(
            '当前角色只能查看活动，不能修改。',
            'Your role can view activities but not change them.',
          )}
        />
      ) : null}
      <ErrorAlert error={saveError} />
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('请先修正以下设置', 'Fix these settings first')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Form
            form={form}
            layout="vertical"
            initialValues={initial}
            disabled={readOnly}
            key={a?.id ?? 'new'}
          >
            <Card size="small" title={t('基本信息', 'Basics')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name="name"
                    label={t('活动名称', 'Name')}
                    rules={[{ required: true, message: t('请填写活动名称', 'Name is required') }]}
                  >
                    <Input
                      maxLength={64}
                      placeholder={t('如：99 元 10 人团中 3 人', 'e.g. ¥99, 3 of 10 win')}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="isLargeZone"
                    label={t('大额专区', 'Large zone')}
                    valuePropName="checked"
                    extra={t(
                      '开启后只有大额预存会员或零钱足够的会员能看到。',
                      'Only large-prepaid members or members with enough cash see it.',
                    )}
                  >
                    <Switch />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item
                    name="description"
                    label={t('活动说明（会员可见）', 'Description (members see it)')}
                  >
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="startsAt" label={t('开始时间（可不填）', 'Starts (optional)')}>
                    <DatePicker showTime style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="endsAt" label={t('结束时间（可不填）', 'Ends (optional)')}>
                    <DatePicker showTime style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card
              size="small"
              title={t('价格与成团', 'Price and group')}
              style={{ marginBottom: 16 }}
            >
              <Row gutter={16}>
                <Col span={8}>
                  <Form.Item
                    name={S('priceFen')}
                    label={t('参团价格 P', 'Price P')}
                    extra={t(
                      '会员参团时从零钱扣除的金额（价格专区）。',
                      'What a member pays to join.',
                    )}
                  >
                    <YuanInput />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name={S('groupSize')}
                    label={t('成团人数 N', 'Group size N')}
                    extra={t('满 N 人立即开奖。', 'Drawn as soon as N seats are taken.')}
                  >
                    <IntInput min={2} max={1000} addonAfter={t('人', 'seats')} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name={S('winners')}
                    label={t('中奖人数 M', 'Winners M')}
                    extra={t('必须小于成团人数。', 'Must be below N.')}
                  >
                    <IntInput min={1} max={999} addonAfter={t('人', 'winners')} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    label={t('每日参团次数上限', 'Daily join limit')}
                    extra={t(
                      '不填则不限。按平台时区的自然日计算。',
                      'Empty = unlimited; per platform day.',
                    )}
                    name={S('dailyJoinLimit')}
                  >
                    <IntInput min={1} max={10000} addonAfter={t('次', 'joins')} />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item
                    name={S('groupTimeout')}
                    label={t('拼团超时', 'Group timeout')}
                    extra={t(
                      '开团后超过这个时间仍未满员时的处理方式。',
                      'What happens to a group still open after this long.',
                    )}
                  >
                    <TimeoutInput />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card
              size="small"
              title={t(
                '商品选项（会员参团时选其一，共用一个排队）',
                'Options (members pick one; one shared queue)',
              )}
              style={{ marginBottom: 16 }}
            >
              <Form.List name={S('options')}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Space key={f.key} align="start" wrap style={{ marginBottom: 8 }}>
                        <Form.Item
                          name={[f.name, 'kind']}
                          label={i === 0 ? t('类型', 'Kind') : undefined}
                        >
                          <Select
                            style={{ width: 120 }}
                            options={[
                              { value: 'product', label: t('实物商品', 'Product') },
                              { value: 'virtual', label: t('虚拟商品', 'Virtual') },
                              { value: 'voucher', label: t('购物券', 'Voucher') },
                            ]}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'name']}
                          label={i === 0 ? t('名称', 'Name') : undefined}
                        >
                          <Input style={{ width: 180 }} maxLength={64} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'costFen']}
                          label={i === 0 ? t('成本价', 'Cost price') : undefined}
                        >
                          <YuanInput style={{ width: 130 }} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'deliveryCostFen']}
                          label={i === 0 ? t('运费成本', 'Delivery cost') : undefined}
                        >
                          <YuanInput style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item noStyle shouldUpdate>
                          {() =>
                            form.getFieldValue([...S('options'), f.name, 'kind']) === 'voucher' ? (
                              <Form.Item
                                name={[f.name, 'voucherKindId']}
                                label={i === 0 ? t('购物券种类', 'Voucher kind') : undefined}
                              >
                                <Select
                                  style={{ width: 140 }}
                                  options={(voucherKinds.data?.items ?? []).map((k) => ({
                                    value: k.id,
                                    label: k.name,
                                  }))}
                                />
                              </Form.Item>
                            ) : null
                          }
                        </Form.Item>
                        <Button
                          style={{ marginTop: i === 0 ? 30 : 0 }}
                          onClick={() => remove(f.name)}
                          disabled={readOnly || fields.length <= 1}
                        >
                          {t('删除', 'Remove')}
                        </Button>
                      </Space>
                    ))}
                    <Button
                      disabled={readOnly || fields.length >= 10}
                      onClick={() => {
                        const used = (form.getFieldValue(S('options')) as { id?: number }[]).map(
                          (o) => o.id ?? 0,
                        );
                        add({
                          id: Math.max(0, ...used) + 1,
                          kind: 'product',
                          name: '',
                          costFen: 0,
                          deliveryCostFen: 0,
                        });
                      }}
                    >
                      {t('添加选项（最多 10 个）', 'Add option (up to 10)')}
                    </Button>
                    <Typography.Paragraph
                      type="secondary"
                      style={{ marginTop: 8, marginBottom: 0 }}
                    >
                      {t(
                        '成本价和运费用于利润预览；库存由发货环节管理。',
                        'Cost and delivery cost feed the profit preview.',
                      )}
                    </Typography.Paragraph>
                  </>
                )}
              </Form.List>
            </Card>

            <Card
              size="small"
              title={t(
                '中奖资格规则（全部公示给会员）',
                'Eligibility rules (published to members)',
              )}
              style={{ marginBottom: 16 }}
            >
              <Form.Item
                name={S('rules', 'r1FirstOfDaySeatOne')}
                valuePropName="checked"
                extra={t(
                  '会员当天第一次参团且排在 1 号位时，本团不能中奖。',
                  'A member’s first join of the day on seat 1 cannot win.',
                )}
              >
                <Checkbox>{t('R1 当日首单 1 号位不中', 'R1 first-of-day seat one')}</Checkbox>
              </Form.Item>
              <Form.Item
                name={S('rules', 'r2NewcomerSeatOne')}
                valuePropName="checked"
                extra={t(
                  '会员第一次参团且排在 1 号位时，本团不能中奖。',
                  'A member’s first join ever on seat 1 cannot win.',
                )}
              >
                <Checkbox>{t('R2 新人首单 1 号位不中', 'R2 newcomer seat one')}</Checkbox>
              </Form.Item>
              <Form.Item
                name={S('rules', 'r3Streak')}
                label={t('R3 连中冷却', 'R3 streak cooldown')}
                extra={t(
                  '连续中奖 X 次后，接下来 Y 次参团不能中奖；中间未中会重新计数。',
                  'After X wins in a row, the next Y draws cannot win.',
                )}
              >
                <CooldownInput />
              </Form.Item>
              <Form.Item
                name={S('rules', 'r4Cumulative')}
                label={t('R4 累计中奖冷却', 'R4 cumulative cooldown')}
                extra={t(
                  '每累计中奖 X 次，接下来 Y 次参团不能中奖。例：累计中 10 次 → 200 次必不中。',
                  'Every X wins, the next Y draws cannot win.',
                )}
              >
                <CooldownInput />
              </Form.Item>
              <Form.Item
                name={S('rules', 'r5Window')}
                label={t('R5 窗口内限中', 'R5 window cap')}
                extra={t(
                  '每连续 X 次参团为一组，组内最多中 Y 次。例：5 次内最多中 1 次。',
                  'In each block of X draws, at most Y wins.',
                )}
              >
                <WindowInput />
              </Form.Item>
              <Form.Item
                name={S('conflictPolicy')}
                label={t(
                  '特权冲突（有资格的人少于中奖人数时）',
                  'Conflict (fewer eligible seats than winners)',
                )}
              >
                <Radio.Group
                  options={[
                    {
                      value: 'fail',
                      label: t('成团失败，全员退款并重新开团', 'Fail: refund everyone'),
                    },
                    {
                      value: 'random',
                      label: t(
                        '随机开奖：不足的名额在无资格的真人中随机抽',
                        'Random: draw the rest among ineligible members',
                      ),
                    },
                  ]}
                />
              </Form.Item>
            </Card>

            <Card
              size="small"
              title={t('中奖者所得', 'What each winner gets')}
              style={{ marginBottom: 16 }}
            >
              <Typography.Paragraph type="secondary">{rateHelp}</Typography.Paragraph>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name={S('winnerRewards', 'dividendPoints')}
                    label={t('分红积分', 'Dividend points')}
                  >
                    <RateOrFixedInput unit="points" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('winnerRewards', 'shoppingGold')}
                    label={t('购物金（在释放之后到账）', 'Shopping gold (after the release)')}
                  >
                    <RateOrFixedInput unit="points" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('winnerRewards', 'goldRelease')}
                    label={t('购物金释放到零钱', 'Gold released into cash')}
                    extra={t('不超过开奖前持有的购物金。', 'Capped by the gold held before.')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('winnerRewards', 'consumptionPoints')}
                    label={t('消费积分', 'Consumption points')}
                  >
                    <RateOrFixedInput unit="points" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={S('winnerRewards', 'hasBlindBox')} valuePropName="checked">
                    <Checkbox>
                      {t('中奖送盲盒一次（奖池在「盲盒奖池」设置）', 'A blind box ticket per win')}
                    </Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card
              size="small"
              title={t(
                '未中奖者所得（本金全额退回零钱之外）',
                'What each non-winner gets (besides the refund)',
              )}
              style={{ marginBottom: 16 }}
            >
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name={S('loserRewards', 'cashBonus')}
                    label={t('零钱奖励', 'Cash bonus')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('loserRewards', 'goldRelease')}
                    label={t('购物金释放到零钱', 'Gold released into cash')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('loserRewards', 'consumptionPoints')}
                    label={t('消费积分', 'Consumption points')}
                  >
                    <RateOrFixedInput unit="points" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card
              size="small"
              title={t(
                '每个真人座位带来的奖励（最多两级上级）',
                'Rewards per real seat (two uplines at most)',
              )}
              style={{ marginBottom: 16 }}
            >
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name={S('seatRewards', 'referral', 'direct')}
                    label={t('直推推广奖励', 'Direct referral')}
                    extra={t('只发给有效期内的推广员。', 'Only to valid promoters.')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('seatRewards', 'referral', 'indirect')}
                    label={t('间推推广奖励', 'Indirect referral')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name={S('seatRewards', 'regional', 'district')}
                    label={t('区代理级差', 'District agent')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name={S('seatRewards', 'regional', 'city')}
                    label={t('市代理级差', 'City agent')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name={S('seatRewards', 'regional', 'province')}
                    label={t('省代理级差', 'Province agent')}
                  >
                    <RateOrFixedInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('seatRewards', 'uplineRelease', 'direct')}
                    label={t('直推上级购物金释放（动态释放）', 'Direct upline gold release')}
                  >
                    <GoldReleaseInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('seatRewards', 'uplineRelease', 'indirect')}
                    label={t('间推上级购物金释放', 'Indirect upline gold release')}
                  >
                    <GoldReleaseInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('seatRewards', 'seatGoldRelease')}
                    label={t('参团者本人购物金释放', 'Seat holder’s own gold release')}
                  >
                    <GoldReleaseInput />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text strong>
                {t('团队级差（每个等级的奖励，上级拿差额）', 'Team differential by tier')}
              </Typography.Text>
              <Form.List name={S('seatRewards', 'teamTiers')}>
                {(fields, { add, remove }) => (
                  <div style={{ marginTop: 8 }}>
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap>
                        <Form.Item name={[f.name, 'tierId']}>
                          <Select
                            style={{ width: 160 }}
                            placeholder={t('等级', 'Tier')}
                            options={(tiers.data?.items ?? []).map((x) => ({
                              value: x.id,
                              label: `${x.code} ${x.name}`,
                            }))}
                            onChange={(tierId: number) => {
                              const rank =
                                tiers.data?.items.find((x) => x.id === tierId)?.rank ?? 1;
                              form.setFieldValue(
                                [...S('seatRewards', 'teamTiers'), f.name, 'rank'],
                                rank,
                              );
                            }}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'rank']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item name={[f.name, 'reward']}>
                          <RateOrFixedInput />
                        </Form.Item>
                        <Button onClick={() => remove(f.name)}>{t('删除', 'Remove')}</Button>
                      </Space>
                    ))}
                    <Button
                      onClick={() =>
                        add({ tierId: undefined, rank: 1, reward: { kind: 'rate', bp: 100 } })
                      }
                    >
                      {t('添加等级', 'Add tier')}
                    </Button>
                  </div>
                )}
              </Form.List>
            </Card>

            <Card
              size="small"
              title={t('分红池（从中奖者货款中提取）', 'Dividend pools (from winners’ payments)')}
              style={{ marginBottom: 16 }}
            >
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name={S('pools', 'monthlyPoolBp')}
                    label={t('注入月分红池', 'To the monthly pool')}
                    extra={t('月底按积分池积分分给会员。', 'Split by pool points at month end.')}
                  >
                    <PercentInput />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={S('pools', 'dailyPoolBp')}
                    label={t('注入日分红池', 'To the daily pool')}
                    extra={t(
                      '次日 0 点按当天中奖金额分给当天的中奖者。',
                      'Split among the day’s winners at midnight.',
                    )}
                  >
                    <PercentInput />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Form>
        </Col>
        <Col xs={24} xl={9}>
          <div style={{ position: 'sticky', top: 16 }}>
            <DrawPreview settings={previewSettings} />
          </div>
        </Col>
      </Row>

      {a ? <StockPanel activityId={a.id} /> : null}
      {a ? (
        <Card size="small" title={t('版本历史', 'Version history')} style={{ marginTop: 16 }}>
          <Table<Version>
            rowKey="id"
            size="small"
            dataSource={[...a.versions].sort((x, y) => y.version - x.version)}
            pagination={false}
            columns={[
              { title: t('版本', 'Version'), dataIndex: 'version', render: (v: number) => `v${v}` },
              { title: t('发布时间', 'Published'), dataIndex: 'publishedAt', render: formatTime },
              {
                title: t('发布人', 'By'),
                dataIndex: 'publishedBy',
                render: (v: number | null) => (v === null ? '—' : `#${v}`),
              },
              { title: t('价格', 'Price'), render: (_, v) => <Money fen={v.settings.priceFen} /> },
              {
                title: t('成团 / 中奖', 'N / M'),
                render: (_, v) => `${v.settings.groupSize} / ${v.settings.winners}`,
              },
              {
                title: t('当前版本', 'Current'),
                render: (_, v) =>
                  v.id === a.currentVersionId ? (
                    <Tag color="green">{t('新团使用', 'In use')}</Tag>
                  ) : null,
              },
              {
                title: t('操作', 'Actions'),
                render: (_, v) => (
                  <Space>
                    <Button size="small" onClick={() => setShownVersion(v)}>
                      {t('查看预览', 'Preview')}
                    </Button>
                    {!readOnly ? (
                      <Button
                        size="small"
                        onClick={() => form.setFieldValue('settings', v.settings)}
                      >
                        {t('载入为草稿', 'Load into draft')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <Modal
        open={shownVersion !== null}
        title={
          shownVersion ? t(`第 ${shownVersion.version} 版`, `Version ${shownVersion.version}`) : ''
        }
        footer={null}
        width={560}
        onCancel={() => setShownVersion(null)}
        destroyOnHidden
      >
        {shownVersion ? <DrawPreview settings={shownVersion.settings} /> : null}
      </Modal>
    </div>
  );
}
