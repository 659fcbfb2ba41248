/** Reply shapes, typed from the API contract (types only: no zod in the bundle). */
import type { z } from 'zod';
import type {
  balanceSchema,
  blindBoxTicketSchema,
  conversionSchema,
  historyReplySchema,
  lastMonthDividendSchema,
  mallItemSchema,
  memberProfileSchema,
  poolStatusSchema,
  rechargeOrderSchema,
  redemptionSchema,
  shopConfigSchema,
  teamReplySchema,
  teamSummarySchema,
  tokenReplySchema,
  withdrawalQuoteSchema,
  withdrawalSchema,
} from '@pingou/contract';
import type { PublishedDraw, RulesDescription, ActivitySettings } from '@pingou/engine';

export type ShopConfig = z.infer<typeof shopConfigSchema>;
export type Profile = z.infer<typeof memberProfileSchema>;
export type TokenReply = z.infer<typeof tokenReplySchema>;
export type Balance = z.infer<typeof balanceSchema>;
export type History = z.infer<typeof historyReplySchema>;
export type Team = z.infer<typeof teamReplySchema>;
export type TeamSummary = z.infer<typeof teamSummarySchema>;
export type LastDividend = z.infer<typeof lastMonthDividendSchema>;
export type PoolStatus = z.infer<typeof poolStatusSchema>;
export type Recharge = z.infer<typeof rechargeOrderSchema>;
export type WithdrawalQuote = z.infer<typeof withdrawalQuoteSchema>;
export type Withdrawal = z.infer<typeof withdrawalSchema>;
export type MallItem = z.infer<typeof mallItemSchema>;
export type Redemption = z.infer<typeof redemptionSchema>;
export type Ticket = z.infer<typeof blindBoxTicketSchema>;
export type Conversion = z.infer<typeof conversionSchema>;

export interface Page<T> {
  items: T[];
  nextBefore: number | null;
}

export interface Activity {
  id: number;
  name: string;
  description: string;
  status: string;
  isLargeZone: boolean;
  startsAt: string | null;
  endsAt: string | null;
  priceFen: number;
  groupSize: number;
  winners: number;
  dailyJoinLimit: number | null;
  options: {
    id: number;
    kind: 'product' | 'virtual' | 'voucher';
    name: string;
    imageUrl?: string | null;
    /** Every unit reserved or sold (库存); such an option cannot be chosen. */
    soldOut?: boolean;
    /** Units left when the stock is limited; null = unlimited. */
    remaining?: number | null;
  }[];
  rules: { zh: RulesDescription; en: RulesDescription };
  settings: ActivitySettings;
}

export interface Seat {
  seatNo: number;
  isHouse: boolean;
  label: { zh: string; en: string } | null;
  memberRef: string;
  clientSeed: string;
  isMine: boolean;
  isEligible: boolean | null;
  excludedBy: string | null;
  isWinner: boolean | null;
}

export interface GroupView {
  id: number;
  activityId: number;
  versionId: number;
  status: 'open' | 'full' | 'drawn' | 'failed' | 'expired';
  groupSize: number;
  seatsTaken: number;
  commitment: string;
  openedAt: string;
  closedAt: string | null;
  seats: Seat[];
  draw: PublishedDraw | null;
}

export interface JoinReply {
  groupId: number;
  seatNo: number;
  groupStatus: string;
  commitment: string;
  seatsTaken: number;
  groupSize: number;
  result: { isWinner: boolean; winners: number[] } | null;
}

export interface MySeat {
  seatId: number;
  groupId: number;
  activityId: number;
  seatNo: number;
  optionId: number;
  groupStatus: GroupView['status'];
  result: string | null;
  joinedAt: string;
}

export interface Order {
  orderNo: string;
  source: string;
  groupId: number | null;
  activityId: number | null;
  itemName: string;
  kind: string;
  status: string;
  statusLabel: { zh: string; en: string } | string;
  address: unknown;
  trackingNo: string | null;
  /** A virtual product's code (兑换码), only in the owner's own order list. */
  code?: string | null;
  createdAt: string;
  updatedAt: string;
}
