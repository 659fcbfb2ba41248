import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let op: Awaited<ReturnType<typeof newOperator>>;

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  op = await newOperator(h.ctx, 'operator');
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const audit = async (targetId: number) =>
  (
    await app.inject({
      url: `/api/v1/admin/audit?targetKind=member&targetId=${targetId}`,
      headers: op.auth,
    })
  ).json().items;

describe('operator actions on members', () => {
  it('tiers: create, assign, and every action is audited with before/after', async () => {
    const t = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/tiers',
      headers: op.auth,
      payload: { code: 'T1', name: '一级', rank: 1, rateBp: 100 },
    });
    expect(t.statusCode).toBe(201);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/tiers',
      headers: op.auth,
      payload: { code: 'T1', name: '重复', rank: 2, rateBp: 100 },
    });
    expect(dup.json().error.code).toBe('TIER_CODE_TAKEN');
    const over = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/tiers',
      headers: op.auth,
      payload: { code: 'T9', name: '超', rank: 9, rateBp: 10_001 },
    });
    expect(over.statusCode).toBe(400);
    const m = await newMember(h.ctx);
    const r = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${m.id}/tier`,
      headers: op.auth,
      payload: { tierId: t.json().id },
    });
    expect(r.statusCode).toBe(200);
    const me = await app.inject({ url: '/api/v1/me', headers: m.auth });
    expect(me.json().tier).toMatchObject({ code: 'T1' });
    const rows = await audit(m.id);
    expect(rows[0]).toMatchObject({
      action: 'member.assign_tier',
      operatorId: op.id,
      before: { tierId: null },
      after: { tierId: t.json().id },
    });
    expect(rows[0].requestId).toBe(r.headers['x-request-id']);
  });

  it('regional agents: one per region, needs the region, removable', async () => {
    const a = await newMember(h.ctx);
    const b = await newMember(h.ctx);
    const noRegion = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${a.id}/agent`,
      headers: op.auth,
      payload: { level: 'city' },
    });
    expect(noRegion.json().error.code).toBe('REGION_INCOMPLETE');
    for (const m of [a, b]) {
      const r = await app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: m.auth,
        payload: { region: { province: '广东省', city: '深圳市', district: '南山区' } },
      });
      expect(r.statusCode).toBe(200);
    }
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/v1/admin/members/${a.id}/agent`,
          headers: op.auth,
          payload: { level: 'city' },
        })
      ).statusCode,
    ).toBe(200);
    const taken = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${b.id}/agent`,
      headers: op.auth,
      payload: { level: 'city' },
    });
    expect(taken.json().error.code).toBe('AGENT_REGION_TAKEN');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/v1/admin/members/${b.id}/agent`,
          headers: op.auth,
          payload: { level: 'district' },
        })
      ).statusCode,
    ).toBe(200);
    const profile = await app.inject({ url: `/api/v1/admin/members/${b.id}`, headers: op.auth });
    expect(profile.json().agent).toEqual({ level: 'district', regionKey: '广东省/深圳市/南山区' });
    await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${b.id}/agent`,
      headers: op.auth,
      payload: { level: null },
    });
    expect(
      (await app.inject({ url: `/api/v1/admin/members/${b.id}`, headers: op.auth })).json().agent,
    ).toBeNull();
  });

  it("freezing ends the member's sessions; unfreezing lets them sign in again", async () => {
    const m = await newMember(h.ctx);
    const r = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${m.id}/frozen`,
      headers: op.auth,
      payload: { isFrozen: true, reason: '风控' },
    });
    expect(r.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/me', headers: m.auth })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: m.phone, password: m.password },
    });
    expect(login.statusCode).toBe(200);
    expect(
      (
        await app.inject({
          url: '/api/v1/me',
          headers: { authorization: `Bearer ${login.json().token}` },
        })
      ).json().isFrozen,
    ).toBe(true);
    expect((await audit(m.id))[0]).toMatchObject({
      action: 'member.freeze',
      after: { isFrozen: true, reason: '风控' },
    });
  });

  it('upline correction is audited and refuses a cycle', async () => {
    const top = await newMember(h.ctx);
    const mid = await newMember(h.ctx, { inviteCode: top.inviteCode });
    const low = await newMember(h.ctx, { inviteCode: mid.inviteCode });
    const cycle = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${top.id}/upline`,
      headers: op.auth,
      payload: { uplineId: low.id, reason: 'test' },
    });
    expect(cycle.json().error.code).toBe('UPLINE_CYCLE');
    const self = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${top.id}/upline`,
      headers: op.auth,
      payload: { uplineId: top.id, reason: 'test' },
    });
    expect(self.json().error.code).toBe('UPLINE_CYCLE');
    const other = await newMember(h.ctx);
    const ok = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${low.id}/upline`,
      headers: op.auth,
      payload: { uplineId: other.id, reason: '客服更正' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await audit(low.id))[0]).toMatchObject({
      action: 'member.correct_upline',
      before: { uplineId: mid.id },
      after: { uplineId: other.id },
    });
  });

  it('the referral tree shows two levels down with counts, never a third', async () => {
    const a = await newMember(h.ctx);
    const b1 = await newMember(h.ctx, { inviteCode: a.inviteCode });
    await newMember(h.ctx, { inviteCode: a.inviteCode });
    const c = await newMember(h.ctx, { inviteCode: b1.inviteCode });
    await newMember(h.ctx, { inviteCode: c.inviteCode }); // third level: not shown
    const tree = (await app.inject({ url: '/api/v1/me/team', headers: a.auth })).json();
    expect(tree.directCount).toBe(2);
    expect(tree.indirectCount).toBe(1);
    expect(tree.direct[0].children[0]).toMatchObject({ id: c.id, directCount: 1 });
    expect(tree.direct[0].children[0].children).toBeUndefined();
    expect(tree.direct[0].phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const admin = (
      await app.inject({ url: `/api/v1/admin/members/${a.id}/team`, headers: op.auth })
    ).json();
    expect(admin).toEqual(tree);
  });

  it('unknown ids answer MEMBER_NOT_FOUND, bad ids a validation error', async () => {
    expect(
      (await app.inject({ url: '/api/v1/admin/members/99999999', headers: op.auth })).json().error
        .code,
    ).toBe('MEMBER_NOT_FOUND');
    expect(
      (await app.inject({ url: '/api/v1/admin/members/abc', headers: op.auth })).json().error.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await app.inject({ url: '/api/v1/admin/members/-1', headers: op.auth })).json().error.code,
    ).toBe('VALIDATION_FAILED');
  });
});
