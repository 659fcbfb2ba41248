/** Inputs for the nullable parts of an activity's settings (cooldowns, window, timeout, gold releases). */
import { Select, Space, Switch } from 'antd';
import { IntInput, RateChoiceInput } from '../components/money';
import { useI18n } from '../lib/i18n';

type Cooldown = { wins: number; cooldown: number } | null;
export function CooldownInput({
  value,
  onChange,
  disabled,
}: {
  value?: Cooldown;
  onChange?: (v: Cooldown) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Switch
        checked={value !== null && value !== undefined}
        disabled={disabled}
        onChange={(on) => onChange?.(on ? { wins: 2, cooldown: 3 } : null)}
      />
      {value ? (
        <>
          <span>{t('中', 'After')}</span>
          <IntInput
            value={value.wins}
            min={1}
            disabled={disabled}
            style={{ width: 90 }}
            onChange={(v) => onChange?.({ ...value, wins: v ?? 1 })}
          />
          <span>{t('次后，接下来', 'wins, the next')}</span>
          <IntInput
            value={value.cooldown}
            min={1}
            disabled={disabled}
            style={{ width: 90 }}
            onChange={(v) => onChange?.({ ...value, cooldown: v ?? 1 })}
          />
          <span>{t('次必不中', 'draws cannot win')}</span>
        </>
      ) : null}
    </Space>
  );
}

type Window = { block: number; maxWins: number } | null;
export function WindowInput({
  value,
  onChange,
  disabled,
}: {
  value?: Window;
  onChange?: (v: Window) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Switch
        checked={!!value}
        disabled={disabled}
        onChange={(on) => onChange?.(on ? { block: 5, maxWins: 1 } : null)}
      />
      {value ? (
        <>
          <span>{t('每', 'In every')}</span>
          <IntInput
            value={value.block}
            min={1}
            disabled={disabled}
            style={{ width: 90 }}
            onChange={(v) => onChange?.({ ...value, block: v ?? 1 })}
          />
          <span>{t('次参团内最多中', 'draws, at most')}</span>
          <IntInput
            value={value.maxWins}
            min={1}
            disabled={disabled}
            style={{ width: 90 }}
            onChange={(v) => onChange?.({ ...value, maxWins: v ?? 1 })}
          />
          <span>{t('次', 'wins')}</span>
        </>
      ) : null}
    </Space>
  );
}

type Timeout = { hours: number; action: 'refund' | 'house_fill' } | null;
export function TimeoutInput({
  value,
  onChange,
  disabled,
}: {
  value?: Timeout;
  onChange?: (v: Timeout) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Switch
        checked={!!value}
        disabled={disabled}
        onChange={(on) => onChange?.(on ? { hours: 24, action: 'refund' } : null)}
      />
      {value ? (
        <>
          <IntInput
            value={value.hours}
            min={1}
            max={720}
            disabled={disabled}
            style={{ width: 90 }}
            onChange={(v) => onChange?.({ ...value, hours: v ?? 1 })}
          />
          <span>{t('小时未满员则', 'hours unfilled, then')}</span>
          <Select
            value={value.action}
            disabled={disabled}
            style={{ width: 220 }}
            onChange={(a) => onChange?.({ ...value, action: a })}
            options={[
              { value: 'refund', label: t('全员退款', 'refund everyone') },
              {
                value: 'house_fill',
                label: t('平台补位后开奖（需够中奖人数的真人）', 'fill with house seats and draw'),
              },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}

type GoldRelease = { kind: 'fixed'; amount: number } | { kind: 'rate_of_gold'; bp: number } | null;
/** A release: a rate of the holder's own shopping gold, or a fixed amount. */
export function GoldReleaseInput(props: {
  value?: GoldRelease;
  onChange?: (v: GoldRelease) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <RateChoiceInput
      rateKind="rate_of_gold"
      rateLabel={t('按其购物金比例', 'Rate of their gold')}
      fixedLabel={t('固定金额', 'Fixed amount')}
      {...props}
    />
  );
}
