/** A draw's statement (SPEC §12): cash in, outflows by kind, cash profit and obligations created. */
import { Descriptions } from 'antd';
import { Money, Points } from './money';
import { useI18n } from '../lib/i18n';

export interface Statement {
  cashIn: number;
  outflows: Record<
    | 'productCost'
    | 'loserBonus'
    | 'releasesPaid'
    | 'monthlyPool'
    | 'dailyPool'
    | 'referral'
    | 'team'
    | 'regional',
    number
  >;
  cashOut: number;
  cashProfit: number;
  obligations: {
    newShoppingGold: number;
    shoppingGoldReleased: number;
    dividendPoints: number;
    consumptionPoints: number;
    vouchers: Record<string, number>;
  };
}

export function StatementView({ s }: { s: Statement }) {
  const { t } = useI18n();
  const vouchers = Object.values(s.obligations.vouchers).reduce((a, b) => a + b, 0);
  return (
    <Descriptions size="small" bordered column={2}>
      <Descriptions.Item label={t('现金流入（中奖者货款）', 'Cash in')}>
        <Money fen={s.cashIn} strong />
      </Descriptions.Item>
      <Descriptions.Item label={t('商品成本', 'Product cost')}>
        <Money fen={s.outflows.productCost} />
      </Descriptions.Item>
      <Descriptions.Item label={t('未中奖零钱奖励', 'Non-winner bonus')}>
        <Money fen={s.outflows.loserBonus} />
      </Descriptions.Item>
      <Descriptions.Item label={t('购物金释放', 'Gold released')}>
        <Money fen={s.outflows.releasesPaid} />
      </Descriptions.Item>
      <Descriptions.Item label={t('月分红池', 'Monthly pool')}>
        <Money fen={s.outflows.monthlyPool} />
      </Descriptions.Item>
      <Descriptions.Item label={t('日分红池', 'Daily pool')}>
        <Money fen={s.outflows.dailyPool} />
      </Descriptions.Item>
      <Descriptions.Item label={t('推广奖励', 'Referral')}>
        <Money fen={s.outflows.referral} />
      </Descriptions.Item>
      <Descriptions.Item label={t('团队级差 / 区域级差', 'Team / regional')}>
        <Money fen={s.outflows.team} /> / <Money fen={s.outflows.regional} />
      </Descriptions.Item>
      <Descriptions.Item label={t('现金流出合计', 'Cash out')}>
        <Money fen={s.cashOut} strong />
      </Descriptions.Item>
      <Descriptions.Item label={t('平台现金利润', 'Cash profit')}>
        <Money fen={s.cashProfit} strong />
      </Descriptions.Item>
      <Descriptions.Item label={t('新增购物金', 'New shopping gold')}>
        <Points value={s.obligations.newShoppingGold} />
      </Descriptions.Item>
      <Descriptions.Item label={t('释放掉的购物金', 'Gold released')}>
        <Points value={s.obligations.shoppingGoldReleased} />
      </Descriptions.Item>
      <Descriptions.Item label={t('新增分红积分', 'Dividend points')}>
        <Points value={s.obligations.dividendPoints} />
      </Descriptions.Item>
      <Descriptions.Item label={t('新增消费积分 / 购物券', 'Consumption points / vouchers')}>
        <Points value={s.obligations.consumptionPoints} /> / <Points value={vouchers} />
      </Descriptions.Item>
    </Descriptions>
  );
}
