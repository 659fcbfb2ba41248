/**
 * Demo data on an empty database, so an operator has something to explore:
 * a tier list, members in a two-level referral chain (and deeper, to show the
 * chain is cut at two), regional agents, and cash recharged through the sandbox.
 */
import { exampleActivities } from '@pingou/engine';
import { groupBuyRepo, inTransaction, ledgerRepo, membersRepo, paymentsRepo } from '@pingou/db';
import type { AppContext } from '../context';
import { hashPassword } from '../use-cases/auth/passwords';
import { newInviteCode } from '../use-cases/members/register-member';
import { creditRecharge } from '../use-cases/recharge/credit-recharge';
import { newTradeNo } from '../use-cases/recharge/create-recharge';

export const DEMO_MEMBER_PASSWORD = 'pingou123';

/** Names and pictures (served by the shop from apps/shop/public/products) for the demo options. */
const DEMO_PRODUCTS = [
  { name: '无线蓝牙耳机', imageUrl: '/products/earbuds.svg' },
  { name: '保温杯 500ml', imageUrl: '/products/cup.svg' },
  { name: '五常大米 5kg', imageUrl: '/products/rice.svg' },
  { name: '精选礼盒', imageUrl: '/products/gift.svg' },
];

const REGIONS = [
  { province: '广东省', city: '深圳市', district: '南山区' },
  { province: '广东省', city: '深圳市', district: '福田区' },
  { province: '广东省', city: '广州市', district: '天河区' },
  { province: '浙江省', city: '杭州市', district: '西湖区' },
];

export async function seedDemo(ctx: AppContext, opts: { members?: number } = {}) {
  const count = opts.members ?? 30;
  const passwordHash = await hashPassword(DEMO_MEMBER_PASSWORD);
  return inTransaction(ctx.db, async (tx) => {
    const tiers = [
      await membersRepo.insertTier(tx, { code: 'V1', name: 'V1 合伙人', rank: 1, rateBp: 100 }),
      await membersRepo.insertTier(tx, { code: 'V2', name: 'V2 联创', rank: 2, rateBp: 200 }),
      await membersRepo.insertTier(tx, { code: 'V3', name: 'V3 董事', rank: 3, rateBp: 300 }),
    ];
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      // 0 → 1 → 2 → 3 is a four-deep chain; the rest hang two levels under the first few.
      const uplineId = i === 0 ? null : i <= 3 ? ids[i - 1]! : ids[(i - 4) % 4]!;
      const region = REGIONS[i % REGIONS.length]!;
      const m = await membersRepo.insertMember(tx, {
        phone: `138${String(i + 1).padStart(8, '0')}`,
        passwordHash,
        nickname: `演示会员${i + 1}`,
        inviteCode: i === 0 ? 'DEMO0001' : newInviteCode(),
        uplineId,
        ...region,
      });
      await ledgerRepo.createMemberAccounts(tx, m.id);
      ids.push(m.id);
      const order = await paymentsRepo.insertOrder(tx, {
        outTradeNo: newTradeNo('R', ctx.clock.now()),
        memberId: m.id,
        provider: 'sandbox',
        amount: 1_000_000 * (1 + (i % 3)), // 10,000 – 30,000 yuan
      });
      await creditRecharge(tx, order, `DEMO-${i + 1}`, ctx.clock.now());
    }
    await membersRepo.updateMember(tx, ids[0]!, { tierId: tiers[1]!.id, isLargePrepaid: true });
    await membersRepo.updateMember(tx, ids[1]!, { tierId: tiers[0]!.id });
    await membersRepo.upsertAgent(tx, ids[0]!, 'province', '广东省');
    await membersRepo.upsertAgent(tx, ids[1]!, 'city', '广东省/深圳市');
    await membersRepo.upsertAgent(tx, ids[4]!, 'district', '广东省/深圳市/南山区');
    // the four configurations of examples.md, published (their tier ids are V1–V3 above),
    // each with a product a shop can show (same cost as the example, so the figures hold)
    for (const [i, example] of exampleActivities().entries()) {
      const product = DEMO_PRODUCTS[i % DEMO_PRODUCTS.length]!;
      const ex = {
        ...example,
        settings: {
          ...example.settings,
          options: example.settings.options.map((o) => ({ ...o, ...product })),
        },
      };
      const a = await groupBuyRepo.insertActivity(tx, {
        name: ex.name,
        description: ex.description,
        isLargeZone: false,
        startsAt: null,
        endsAt: null,
        draft: ex.settings,
      });
      const v = await groupBuyRepo.insertVersion(tx, {
        activityId: a.id,
        settings: ex.settings,
        publishedBy: null,
      });
      await groupBuyRepo.updateActivity(tx, a.id, { status: 'published', currentVersionId: v.id });
    }
    return {
      activities: 4,
      members: ids.length,
      memberPassword: DEMO_MEMBER_PASSWORD,
      samplePhone: '13800000001',
    };
  });
}
