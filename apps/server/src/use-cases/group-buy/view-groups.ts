/** Read models of groups: seats (house seats labelled), commitment, and after the draw its proof and statement. */
import { AppError } from '@pingou/contract';
import {
  verifyDraw,
  type ActivitySettings,
  type PublishedDraw,
  type SettlementStatement,
} from '@pingou/engine';
import { groupBuyRepo, type Tx } from '@pingou/db';

export const HOUSE_LABEL = { zh: '平台补位', en: 'House seat' } as const;

export async function groupView(tx: Tx, groupId: number, viewerMemberId: number | null) {
  const g = await groupBuyRepo.findGroup(tx, groupId);
  if (!g) throw new AppError('GROUP_NOT_FOUND');
  const seatRows = await groupBuyRepo.groupSeats(tx, groupId);
  const draw = g.draw as PublishedDraw | null;
  const bySeat = new Map((draw?.seats ?? []).map((s) => [s.seatNo, s]));
  return {
    id: g.id,
    activityId: g.activityId,
    versionId: g.versionId,
    status: g.status,
    groupSize: g.groupSize,
    seatsTaken: g.seatCount,
    commitment: g.commitment,
    openedAt: g.openedAt.toISOString(),
    closedAt: g.closedAt ? g.closedAt.toISOString() : null,
    seats: seatRows.map((s) => {
      const d = bySeat.get(s.seatNo);
      return {
        seatNo: s.seatNo,
        isHouse: s.memberId === null,
        label: s.memberId === null ? HOUSE_LABEL : null,
        memberRef: s.memberRef,
        clientSeed: s.clientSeed,
        isMine: viewerMemberId !== null && s.memberId === viewerMemberId,
        isEligible: d ? d.eligible : null,
        excludedBy: d ? d.excludedBy : null,
        isWinner: draw ? draw.winners.includes(s.seatNo) : null,
      };
    }),
    draw,
  };
}

export async function publishedDraw(tx: Tx, groupId: number): Promise<PublishedDraw> {
  const g = await groupBuyRepo.findGroup(tx, groupId);
  if (!g) throw new AppError('GROUP_NOT_FOUND');
  if (!g.draw) throw new AppError('DRAW_NOT_PUBLISHED');
  return g.draw as PublishedDraw;
}

/** The verifier: recomputes the winners from the published data alone. */
export async function verifyGroupDraw(tx: Tx, groupId: number) {
  const draw = await publishedDraw(tx, groupId);
  const r = verifyDraw(draw);
  return {
    groupId,
    isValid: r.ok,
    problems: r.ok ? [] : r.problems,
    winners: draw.winners,
    commitment: draw.commitmentHex,
    serverSeed: draw.serverSeedHex,
    randomness: draw.randomnessHex,
  };
}

export async function groupStatement(tx: Tx, groupId: number) {
  const g = await groupBuyRepo.findGroup(tx, groupId);
  if (!g) throw new AppError('GROUP_NOT_FOUND');
  if (!g.statement) throw new AppError('DRAW_NOT_PUBLISHED');
  const v = await groupBuyRepo.findVersion(tx, g.versionId);
  const settings = v!.settings as ActivitySettings;
  return {
    groupId,
    status: g.status,
    priceFen: settings.priceFen,
    groupSize: settings.groupSize,
    winners: settings.winners,
    statement: g.statement as SettlementStatement,
  };
}
