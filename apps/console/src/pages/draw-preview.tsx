/**
 * 单团结算预览 (SPEC §12): what one draw of the settings being edited does to the
 * platform's money, from the economics calculator, recomputed as the form changes.
 */
import { Alert, Card, Descriptions, Space, Spin, Switch, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { economicsDrawBodySchema, type EconomicsDrawResult } from '@pingou/contract';
import { ErrorAlert } from '../components/errors';
import { Money, Points } from '../components/money';
import { post } from '../lib/api';
import { useI18n } from '../lib/i18n';
import type { Settings } from './activities';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function DrawPreview({ settings }: { settings: Settings | null }) {
  const { t } = useI18n();
  const [withUplines, setWithUplines] = useState(true);
  const [withAgents, setWithAgents] = useState(false);
  const s = useDebounced(settings, 400);
  const upline = { tierId: null, isValidPromoter: true, goldBefore: 0 };
  const body = s
    ? economicsDrawBodySchema.safeParse({
        settings: s,
        assumptions: {
          profiles: [
            {
              seats: s.groupSize,
              direct: withUplines ? upline : null,
              indirect: withUplines ? upline : null,
              agents: { district: withAgents, city: withAgents, province: withAgents },
            },
          ],
        },
      })
    : null;
  const q = useQuery({
    queryKey: ['draw-preview', body?.success ? body.data : null],
    queryFn: () => post<EconomicsDrawResult>('/admin/economics/draw', body!.data),
    enabled: !!body?.success,
    placeholderData: (p) => p,
    retry: false,
  });
  const r = q.data;
  return (
    <Card
      size="small"
      title={t('单团结算预览', 'One draw’s statement')}
      extra={q.isFetching ? <Spin size="small" /> : null}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t(
            '假设整团都是真人会员、开奖前购物金为 0；下面的开关决定是否计入推广奖励与区域级差。',
            'Assumes every seat is a real member with no gold before the draw; the switches add uplines and agents.',
          )}
        </Typography.Text>
        <Space wrap>
          <Switch size="small" checked={withUplines} onChange={setWithUplines} />
          <span>
            {t('每人都有直推和间推上级（有效推广员）', 'Everyone has two valid promoter uplines')}
          </span>
        </Space>
        <Space wrap>
          <Switch size="small" checked={withAgents} onChange={setWithAgents} />
          <span>{t('所在区/市/省都有代理', 'District, city and province agents exist')}</span>
        </Space>
        {body && !body.success ? (
          <Alert
            type="warning"
            showIcon
            title={t('设置还不完整，补全后显示预览', 'Complete the settings to see the preview')}
          />
        ) : null}
        <ErrorAlert error={q.error} />
        {r ? (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('开奖结果', 'Outcome')}>
              {r.outcome === 'drawn'
                ? t(
                    `中奖座位：${r.winningSeats.join('、')}`,
                    `Winning seats: ${r.winningSeats.join(', ')}`,
                  )
                : t('资格冲突，成团失败（全员退款）', 'Eligibility conflict: the group fails')}
            </Descriptions.Item>
            <Descriptions.Item label={t('现金流入（中奖者货款）', 'Cash in (winners’ payments)')}>
              <Money fen={r.cashIn} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('商品成本（含运费）', 'Product cost')}>
              <Money fen={r.outflows.productCost} />
            </Descriptions.Item>
            <Descriptions.Item label={t('未中奖零钱奖励', 'Non-winner bonus')}>
              <Money fen={r.outflows.loserBonus} />
            </Descriptions.Item>
            <Descriptions.Item label={t('购物金释放到零钱', 'Gold released into cash')}>
              <Money fen={r.outflows.releasesPaid} />
            </Descriptions.Item>
            <Descriptions.Item label={t('月分红池 / 日分红池', 'Monthly / daily pool')}>
              <Money fen={r.outflows.monthlyPool} /> / <Money fen={r.outflows.dailyPool} />
            </Descriptions.Item>
            <Descriptions.Item
              label={t('推广奖励 / 团队级差 / 区域级差', 'Referral / team / regional')}
            >
              <Money fen={r.outflows.referral} /> / <Money fen={r.outflows.team} /> /{' '}
              <Money fen={r.outflows.regional} />
            </Descriptions.Item>
            <Descriptions.Item label={t('现金流出合计', 'Cash out')}>
              <Money fen={r.cashOut} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('平台现金利润', 'Cash profit')}>
              <Money fen={r.cashProfit} strong />
              <Typography.Text type="secondary">
                {' '}
                {t(`（每座位 `, `(per seat `)}
                <Money fen={r.cashProfitPerSeat} />
                {t('）', ')')}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('新增购物金（待兑付）', 'New shopping gold owed')}>
              <Points value={r.obligations.newShoppingGold} />
            </Descriptions.Item>
            <Descriptions.Item
              label={t('新增分红积分 / 消费积分', 'Dividend / consumption points')}
            >
              <Points value={r.obligations.dividendPoints} /> /{' '}
              <Points value={r.obligations.consumptionPoints} />
            </Descriptions.Item>
            <Descriptions.Item label={t('待兑付价值合计', 'Obligations valued')}>
              <Money fen={r.obligationsValue.total} />
            </Descriptions.Item>
            <Descriptions.Item label={t('扣除待兑付后的利润', 'Profit after obligations')}>
              <Money fen={r.profitAfterObligations} strong />
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Space>
    </Card>
  );
}
