/** Money and rate inputs that hold integers (fen, hundredths, bp) and show decimals. */
import { Input, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import {
  decimalToHundredths,
  formatFen,
  formatHundredths,
  hundredthsToDecimal,
} from '../lib/format';
import { useI18n } from '../lib/i18n';

export function Money({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  const s = formatFen(fen);
  const color = fen !== null && fen !== undefined && fen < 0 ? '#cf1322' : undefined;
  return (
    <span
      style={{ fontVariantNumeric: 'tabular-nums', color, fontWeight: strong ? 600 : undefined }}
    >
      {s}
    </span>
  );
}

export function Points({ value }: { value: number | null | undefined }) {
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {value === null || value === undefined ? '—' : formatHundredths(value)}
    </span>
  );
}

interface IntProps {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
  disabled?: boolean;
  addonAfter?: string;
  prefix?: string;
  style?: React.CSSProperties;
  placeholder?: string;
}

/**
 * An integer number of hundredths typed as a decimal with at most two places:
 * yuan for fen, points for hundredths, percent for bp (1 % = 100 bp).
 */
export function HundredthsInput({
  id,
  value,
  onChange,
  disabled,
  addonAfter,
  prefix,
  style,
  placeholder,
}: IntProps) {
  const [text, setText] = useState(
    value === null || value === undefined ? '' : hundredthsToDecimal(value),
  );
  useEffect(() => {
    const shown = decimalToHundredths(text);
    if (value !== shown)
      setText(value === null || value === undefined ? '' : hundredthsToDecimal(value));
  }, [value]);
  const parsed = text === '' ? null : decimalToHundredths(text);
  return (
    <Space.Compact style={style}>
      <Input
        id={id}
        value={disabled && value !== null && value !== undefined ? formatHundredths(value) : text}
        prefix={prefix}
        disabled={disabled}
        placeholder={placeholder}
        status={text !== '' && parsed === null ? 'error' : undefined}
        inputMode="decimal"
        onChange={(e) => {
          setText(e.target.value);
          const v = e.target.value === '' ? null : decimalToHundredths(e.target.value);
          if (e.target.value === '' || v !== null) onChange?.(v);
        }}
      />
      {addonAfter ? <Space.Addon>{addonAfter}</Space.Addon> : null}
    </Space.Compact>
  );
}

export function YuanInput(p: IntProps) {
  return <HundredthsInput {...p} prefix="¥" />;
}
export function PercentInput(p: IntProps) {
  return <HundredthsInput {...p} addonAfter="%" />;
}

export function IntInput({
  id,
  value,
  onChange,
  disabled,
  min = 0,
  max,
  addonAfter,
  style,
}: IntProps & { min?: number; max?: number }) {
  return (
    <InputNumber
      id={id}
      value={value ?? null}
      min={min}
      max={max}
      precision={0}
      disabled={disabled}
      suffix={addonAfter}
      style={style ?? { width: 160 }}
      onChange={(v) => onChange?.(v === null ? null : Math.trunc(Number(v)))}
    />
  );
}

export type RateOrFixed = { kind: 'rate'; bp: number } | { kind: 'fixed'; amount: number } | null;

/**
 * 不设置 / a rate (bp) / a fixed amount, the shape of every rate-or-fixed setting. `rateKind`
 * names the rate variant (`rate` of the price, or `rate_of_gold` for releases); `unit` says what a
 * fixed amount is: fen (yuan) or hundredths of points.
 */
export function RateChoiceInput<K extends string>({
  value,
  onChange,
  rateKind,
  rateLabel,
  fixedLabel,
  unit = 'fen',
  disabled,
}: {
  value?: { kind: K; bp: number } | { kind: 'fixed'; amount: number } | null;
  onChange?: (v: { kind: K; bp: number } | { kind: 'fixed'; amount: number } | null) => void;
  rateKind: K;
  rateLabel: string;
  fixedLabel?: string;
  unit?: 'fen' | 'points';
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const kind: string = value?.kind ?? 'none';
  return (
    <Space.Compact>
      <Select
        value={kind}
        disabled={disabled}
        style={{ width: 150 }}
        onChange={(k: string) =>
          onChange?.(
            k === 'none'
              ? null
              : k === 'fixed'
                ? { kind: 'fixed', amount: 0 }
                : { kind: rateKind, bp: 0 },
          )
        }
        options={[
          { value: 'none', label: t('不设置', 'None') },
          { value: rateKind, label: rateLabel },
          { value: 'fixed', label: fixedLabel ?? t('固定数额', 'Fixed amount') },
        ]}
      />
      {value && value.kind !== 'fixed' && 'bp' in value ? (
        <HundredthsInput
          value={value.bp}
          disabled={disabled}
          addonAfter="%"
          style={{ width: 150 }}
          onChange={(v) => onChange?.({ kind: rateKind, bp: v ?? 0 })}
        />
      ) : null}
      {value?.kind === 'fixed' && 'amount' in value ? (
        <HundredthsInput
          value={value.amount}
          disabled={disabled}
          prefix={unit === 'fen' ? '¥' : undefined}
          addonAfter={unit === 'points' ? t('积分', 'points') : undefined}
          style={{ width: 170 }}
          onChange={(v) => onChange?.({ kind: 'fixed', amount: v ?? 0 })}
        />
      ) : null}
    </Space.Compact>
  );
}

/** A rate of the price P, or a fixed amount. */
export function RateOrFixedInput(props: {
  value?: RateOrFixed;
  onChange?: (v: RateOrFixed) => void;
  unit?: 'fen' | 'points';
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <RateChoiceInput rateKind="rate" rateLabel={t('按价格比例', 'Rate of price')} {...props} />
  );
}
