/**
 * Blind box (盲盒, SPEC §9): a prize table per activity and a ticket that opens
 * one box by the same commit-reveal procedure as draws (docs/fairness.md,
 * procedure `pingou-blindbox-v1`). The server commits to a secret seed for the
 * ticket before the member opens it; the member's client seed and the prize
 * table at that moment decide the prize by a weighted pick over the prizes in
 * stock, read from the same unbiased random stream as draws. `verifyBlindBox`
 * recomputes a published result. Pure: no clock, no randomness, no storage.
 */
import { createHmac } from 'node:crypto';
import { commitment, FairnessInputError, randomStream } from './groupbuy/fairness';

export const BLIND_BOX_VERSION = 'pingou-blindbox-v1';

/** 50,000 yuan: the default cap on a chance prize's value. */
export const DEFAULT_BLIND_BOX_CAP_FEN = 5_000_000;
/** Bounds that keep the total weight far below 2^32 (the stream's range). */
export const MAX_PRIZE_WEIGHT = 1_000_000;
export const MAX_PRIZES_PER_TABLE = 100;
export const MAX_PRIZE_STOCK = 10_000_000;

export const BLIND_BOX_PRIZE_KINDS = ['product', 'cash', 'points', 'gold'] as const;
export type BlindBoxPrizeKind = (typeof BLIND_BOX_PRIZE_KINDS)[number];

/** A prize as the procedure sees it: its id, weight and remaining stock. */
export interface BlindBoxDrawPrize {
  id: number;
  weight: number;
  stock: number;
}

export interface BlindBoxInput {
  serverSeedHex: string;
  ticketKey: string;
  memberRef: string;
  /** Chosen by the member when opening; may be empty. */
  clientSeed: string;
  prizes: readonly BlindBoxDrawPrize[];
}

export interface BlindBoxOutcome {
  message: string;
  randomnessHex: string;
  /** The total weight of the prizes in stock, and the drawn number below it. */
  totalWeight: number;
  drawn: number;
  prizeId: number;
}

/** Everything published after a box is opened: enough for anyone to recompute it. */
export interface PublishedBlindBox {
  version: typeof BLIND_BOX_VERSION;
  ticketKey: string;
  memberRef: string;
  clientSeed: string;
  commitmentHex: string;
  serverSeedHex: string;
  prizes: BlindBoxDrawPrize[];
  randomnessHex: string;
  prizeId: number;
}

const TICKET_KEY = /^[A-Za-z0-9._~:-]{1,128}$/;
const MEMBER_REF = /^[A-Za-z0-9._~-]{1,64}$/;
const CLIENT_SEED = /^[A-Za-z0-9._~-]{0,64}$/;

export function isValidBlindBoxClientSeed(clientSeed: string): boolean {
  return CLIENT_SEED.test(clientSeed);
}

function inIdOrder(prizes: readonly BlindBoxDrawPrize[]): BlindBoxDrawPrize[] {
  return [...prizes].sort((a, b) => a.id - b.id);
}

/** The canonical message: `pingou-blindbox-v1|<ticketKey>|<memberRef>|<clientSeed>|<id>:<weight>|…`. */
export function blindBoxMessage(
  input: Pick<BlindBoxInput, 'ticketKey' | 'memberRef' | 'clientSeed' | 'prizes'>,
): string {
  if (!TICKET_KEY.test(input.ticketKey))
    throw new FairnessInputError('the ticket key has characters outside the set');
  if (!MEMBER_REF.test(input.memberRef))
    throw new FairnessInputError('the member reference has characters outside the set');
  if (!CLIENT_SEED.test(input.clientSeed))
    throw new FairnessInputError('the client seed has characters outside the set');
  const prizes = inIdOrder(input.prizes);
  const seen = new Set<number>();
  for (const p of prizes) {
    if (!Number.isSafeInteger(p.id) || p.id < 1)
      throw new FairnessInputError(`bad prize id ${p.id}`);
    if (seen.has(p.id)) throw new FairnessInputError(`prize ${p.id} appears twice`);
    seen.add(p.id);
    if (!Number.isSafeInteger(p.weight) || p.weight < 1 || p.weight > MAX_PRIZE_WEIGHT)
      throw new FairnessInputError(`prize ${p.id}: bad weight ${p.weight}`);
    if (!Number.isSafeInteger(p.stock) || p.stock < 0)
      throw new FairnessInputError(`prize ${p.id}: bad stock ${p.stock}`);
  }
  return [
    BLIND_BOX_VERSION,
    input.ticketKey,
    input.memberRef,
    input.clientSeed,
    ...prizes.map((p) => `${p.id}:${p.weight}`),
  ].join('|');
}

/** HMAC-SHA256(server seed, message), then a weighted pick over the prizes in stock. */
export function openBlindBox(input: BlindBoxInput): BlindBoxOutcome {
  if (input.prizes.length > MAX_PRIZES_PER_TABLE)
    throw new FairnessInputError(`at most ${MAX_PRIZES_PER_TABLE} prizes`);
  const message = blindBoxMessage(input);
  // commitment() checks the seed's form (64 lowercase hex digits) before it is used as a key.
  commitment(input.serverSeedHex);
  const randomnessHex = createHmac('sha256', Buffer.from(input.serverSeedHex, 'hex'))
    .update(message, 'utf8')
    .digest('hex');
  const inStock = inIdOrder(input.prizes).filter((p) => p.stock > 0);
  if (inStock.length === 0) throw new FairnessInputError('no prize is in stock');
  const totalWeight = inStock.reduce((s, p) => s + p.weight, 0);
  const drawn = randomStream(input.serverSeedHex, randomnessHex).below(totalWeight);
  let rest = drawn;
  for (const p of inStock) {
    if (rest < p.weight) return { message, randomnessHex, totalWeight, drawn, prizeId: p.id };
    rest -= p.weight;
  }
  throw new FairnessInputError('unreachable: the drawn number is below the total weight');
}

export function publishBlindBox(input: BlindBoxInput, outcome: BlindBoxOutcome): PublishedBlindBox {
  return {
    version: BLIND_BOX_VERSION,
    ticketKey: input.ticketKey,
    memberRef: input.memberRef,
    clientSeed: input.clientSeed,
    commitmentHex: commitment(input.serverSeedHex),
    serverSeedHex: input.serverSeedHex,
    prizes: inIdOrder(input.prizes).map((p) => ({ id: p.id, weight: p.weight, stock: p.stock })),
    randomnessHex: outcome.randomnessHex,
    prizeId: outcome.prizeId,
  };
}

export type BlindBoxVerifyResult = { ok: true } | { ok: false; problems: string[] };

/** Recompute a published result and say where it disagrees. */
export function verifyBlindBox(p: PublishedBlindBox): BlindBoxVerifyResult {
  const problems: string[] = [];
  try {
    if (p.version !== BLIND_BOX_VERSION) problems.push(`unknown procedure ${String(p.version)}`);
    if (commitment(p.serverSeedHex) !== String(p.commitmentHex).toLowerCase())
      problems.push('the server seed does not match the commitment');
    const again = openBlindBox({
      serverSeedHex: p.serverSeedHex,
      ticketKey: p.ticketKey,
      memberRef: p.memberRef,
      clientSeed: p.clientSeed,
      prizes: p.prizes,
    });
    if (again.randomnessHex !== String(p.randomnessHex).toLowerCase())
      problems.push('the randomness does not match the seed, the ticket and the prize table');
    if (again.prizeId !== p.prizeId) problems.push(`the prize should be ${again.prizeId}`);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

// ---- the prize table

export interface BlindBoxPrizeSpec {
  name: string;
  kind: BlindBoxPrizeKind;
  weight: number;
  stock: number;
  /** What the prize is worth, in fen; a cash prize pays exactly this. At most the cap. */
  valueFen: number;
  /** Points and gold prizes: hundredths of the asset credited. 0 for product and cash. */
  amount: number;
}

export interface BlindBoxFieldProblem {
  path: string;
  message: string;
}

const isInt = (v: number, min: number, max: number) =>
  Number.isSafeInteger(v) && v >= min && v <= max;

/** Field-by-field problems of a prize; `aboveCap` is set when the value exceeds the cap. */
export function blindBoxPrizeProblems(
  p: BlindBoxPrizeSpec,
  capFen: number = DEFAULT_BLIND_BOX_CAP_FEN,
): { problems: BlindBoxFieldProblem[]; aboveCap: boolean } {
  const problems: BlindBoxFieldProblem[] = [];
  const name = p.name.trim();
  if (name.length < 1 || name.length > 64)
    problems.push({ path: 'name', message: '奖品名称为 1–64 个字符 / 1–64 characters' });
  if (!(BLIND_BOX_PRIZE_KINDS as readonly string[]).includes(p.kind))
    problems.push({ path: 'kind', message: '奖品类型不正确 / unknown prize kind' });
  if (!isInt(p.weight, 1, MAX_PRIZE_WEIGHT))
    problems.push({
      path: 'weight',
      message: `权重为 1–${MAX_PRIZE_WEIGHT} 的整数 / an integer 1–${MAX_PRIZE_WEIGHT}`,
    });
  if (!isInt(p.stock, 0, MAX_PRIZE_STOCK))
    problems.push({ path: 'stock', message: '库存为不小于 0 的整数 / an integer ≥ 0' });
  if (!isInt(p.valueFen, 0, Number.MAX_SAFE_INTEGER))
    problems.push({ path: 'valueFen', message: '价值为不小于 0 的整数（分） / an integer ≥ 0' });
  if (!isInt(p.amount, 0, Number.MAX_SAFE_INTEGER))
    problems.push({ path: 'amount', message: '数量为不小于 0 的整数 / an integer ≥ 0' });
  if (p.kind === 'cash' && p.valueFen < 1)
    problems.push({
      path: 'valueFen',
      message: '现金奖品金额至少 1 分 / a cash prize pays ≥ 1 fen',
    });
  if (p.kind === 'cash' && p.amount !== 0 && p.amount !== p.valueFen)
    problems.push({ path: 'amount', message: '现金奖品按价值发放 / a cash prize pays its value' });
  if ((p.kind === 'points' || p.kind === 'gold') && p.amount < 1)
    problems.push({ path: 'amount', message: '积分/购物金数量至少为 1 / at least 1 hundredth' });
  if (p.kind === 'product' && p.amount !== 0)
    problems.push({ path: 'amount', message: '实物奖品没有数量 / a product prize has no amount' });
  const aboveCap = Number.isSafeInteger(p.valueFen) && p.valueFen > capFen;
  if (aboveCap)
    problems.push({
      path: 'valueFen',
      message: `价值超过上限 ${capFen} 分 / the value is above the cap of ${capFen} fen`,
    });
  return { problems, aboveCap };
}

export function isValidBlindBoxCap(capFen: number): boolean {
  return isInt(capFen, 0, 10_000_000_000);
}

export const BLIND_BOX_PROCEDURE_MD = `
### Procedure \`${BLIND_BOX_VERSION}\`

1. **Ticket.** Each win in an activity with a blind box gives the winner one
   ticket, named by its key (characters \`A–Z a–z 0–9 . _ ~ : -\`, e.g.
   \`g:42:3:win:blind_box\`).
2. **Commitment.** Before the member can open the ticket, the server draws a
   32-byte secret _server seed_ for it and shows
   \`commitment = hex(SHA-256(server seed bytes))\` with the ticket (the first
   time the member lists their tickets).
3. **Opening.** The member sends a client seed (0–64 characters of
   \`A–Z a–z 0–9 . _ ~ -\`). The prize table at that moment is the list of the
   activity's prizes with their id, weight (an integer ≥ 1) and remaining stock.
   The member reference is the member's pseudonym on the seat list of the group
   that gave the ticket.
4. **Message.** \`${BLIND_BOX_VERSION}|<ticketKey>|<memberRef>|<clientSeed>|<id>:<weight>|<id>:<weight>|…\`
   with every prize of the table in ascending id order, encoded as UTF-8.
5. **Randomness.** \`randomness = HMAC-SHA256(key = server seed bytes, message)\`.
6. **Pick.** \`P\` = the prizes with stock > 0 in ascending id order,
   \`W\` = the sum of their weights. Take \`r\` = the unbiased integer below
   \`W\` (steps 6–7 of \`pingou-draw-v1\`: the same random stream and rejection
   sampling, from this randomness). Walk \`P\` in order subtracting each weight
   from \`r\`; the prize at which \`r\` falls below its weight is won.
7. **Publication.** The server reveals the seed and publishes the ticket key,
   member reference, client seed, commitment, the prize table (id, weight,
   stock) and the prize won. A verifier checks the commitment, recomputes the
   randomness and the pick, and compares.
`.trim();
