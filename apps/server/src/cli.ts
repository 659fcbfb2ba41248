/**
 * `npm run cli -- <command>`: operations on the platform's database.
 *   ledger:check               prove postings balance per asset and stored balances equal postings; exit 1 if not
 *   draw:verify <group>        recompute a group's winners from its published draw; exit 1 if they differ
 *   draw:verify --file <json>  the same from a published draw saved as JSON (no database needed)
 *   draw:statement <group>     the per-draw statement: cash in, outflows by kind, profit, obligations
 *   economics:draw --activity <file|id> --assumptions <file> [--json]   one draw of a configuration (SPEC §12)
 *   economics:simulate --activity <file|id> --population <file> [--days D] [--seed S] [--csv out.csv | --json]
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import {
  formatFen,
  verifyDraw,
  type PublishedDraw,
  type SettlementStatement,
} from '@pingou/engine';
import { ledgerRepo } from '@pingou/db';
import { createContext, openDatabase } from './bootstrap';
import { loadConfig } from './config';
import { groupStatement, publishedDraw } from './use-cases/group-buy/view-groups';
import { economicsDrawCommand, economicsSimulateCommand, type CliIo } from './use-cases/economics';

function groupIdArg(args: string[]): number {
  const id = Number(args[0]);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new UsageError('a group id (a positive whole number) is required');
  return id;
}

class UsageError extends Error {}

function printVerification(draw: PublishedDraw): number {
  const r = verifyDraw(draw);
  console.log(
    `group ${draw.groupId}: ${draw.seats.length} seats, ${draw.winnersCount} to win, policy ${draw.conflictPolicy}`,
  );
  console.log(`commitment  ${draw.commitmentHex}`);
  console.log(`server seed ${draw.serverSeedHex}`);
  console.log(`randomness  ${draw.randomnessHex}`);
  for (const s of draw.seats) {
    const mark = draw.winners.includes(s.seatNo) ? 'WIN ' : '    ';
    console.log(
      `  ${mark}seat ${String(s.seatNo).padStart(3)}  ${s.memberRef.padEnd(18)} ${s.eligible ? 'eligible' : `excluded by ${s.excludedBy}`}`,
    );
  }
  console.log(
    r.ok
      ? `VERIFIED: the published winners [${draw.winners.join(', ')}] follow from the published data`
      : `MISMATCH:\n  ${r.problems.join('\n  ')}`,
  );
  return r.ok ? 0 : 1;
}

function printStatement(s: { groupId: number; statement: SettlementStatement }): void {
  const st = s.statement;
  const line = (label: string, fen: number) =>
    console.log(`  ${label.padEnd(28)} ¥${formatFen(fen).padStart(14)}`);
  console.log(`group ${s.groupId} statement`);
  line('cash in (winners)', st.cashIn);
  for (const [k, v] of Object.entries(st.outflows)) line(`- ${k}`, v);
  line('cash profit', st.cashProfit);
  console.log('  obligations created (hundredths = fen of value):');
  for (const [k, v] of Object.entries(st.obligations))
    console.log(`    ${k.padEnd(26)} ${typeof v === 'number' ? v : JSON.stringify(v)}`);
}

const economicsIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  openContext: () => open(),
};

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  'economics:draw': (args) => economicsDrawCommand(args, economicsIo),
  'economics:simulate': (args) => economicsSimulateCommand(args, economicsIo),
  'draw:verify': async (args) => {
    if (args[0] === '--file') {
      if (!args[1]) throw new UsageError('draw:verify --file <published draw JSON>');
      return printVerification(JSON.parse(readFileSync(args[1], 'utf8')) as PublishedDraw);
    }
    const id = groupIdArg(args);
    const { ctx, done } = await open();
    try {
      return printVerification(await publishedDraw(ctx.db, id));
    } finally {
      await done();
    }
  },
  'draw:statement': async (args) => {
    const id = groupIdArg(args);
    const { ctx, done } = await open();
    try {
      const s = await groupStatement(ctx.db, id);
      if (args.includes('--json')) console.log(JSON.stringify(s, null, 2));
      else printStatement(s);
      return 0;
    } finally {
      await done();
    }
  },
  'ledger:check': async () => {
    const { ctx, done } = await open();
    try {
      const r = await ledgerRepo.checkLedger(ctx.db);
      console.log(JSON.stringify(r, null, 2));
      console.log(
        r.ok
          ? `ledger:check OK — ${r.entries} entries, ${r.postings} postings`
          : 'ledger:check FAILED',
      );
      return r.ok ? 0 : 1;
    } finally {
      await done();
    }
  },
};

async function open() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const log = pino({ level: config.logLevel });
  const database = await openDatabase(config);
  const ctx = await createContext(config, database.url, { log, poolSize: 2 });
  return {
    ctx,
    done: async () => {
      await ctx.close();
      await database.stop();
    },
  };
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    console.error(`usage: npm run cli -- <command>\ncommands: ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  return run(args);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    // a business refusal (unknown group, not drawn yet) or a usage error is said plainly, not as a stack
    const code = (e as { code?: unknown }).code;
    if (e instanceof UsageError) console.error(`usage: ${e.message}`);
    else if (typeof code === 'string' && /^[A-Z_]+$/.test(code))
      console.error(`${code}: ${(e as Error).message}`);
    else console.error(e);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
