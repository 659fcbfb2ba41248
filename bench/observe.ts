/**
 * What a phase spent its time on: CPU of the whole machine, of the server
 * process and of this (client) process from /proc, and what the database's
 * active sessions were doing (running, or waiting on a lock, on WAL, …)
 * sampled from pg_stat_activity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from '@pingou/db';

export interface PhaseObservation {
  seconds: number;
  /** Busy share of all cores, in % of one core (200 % = both cores of a 2-core machine). */
  machineCpuPct: number | null;
  serverCpuPct: number | null;
  clientCpuPct: number;
  /** The PostgreSQL server (postmaster and its backends), when it is our embedded one. */
  postgresCpuPct: number | null;
  /** Everything else busy: the kernel, and other people's processes on a shared machine. */
  otherCpuPct: number | null;
  /** Share of sampled active database sessions per state (e.g. "CPU", "Lock:transactionid", "IO:WalSync"). */
  dbSessionStates: { state: string; pct: number }[];
  dbSamples: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function machineTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - f[3]! - f[4]!, total };
  } catch {
    return null;
  }
}

/** utime + stime and parent of a process, from /proc/<pid>/stat. */
function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function processTicks(pid: number | undefined): number | null {
  return pid ? (procStat(pid)?.ticks ?? null) : null;
}

/** Ticks of a process and its direct children (a postmaster and its backends), per pid. */
function familyTicks(rootPid: number | undefined): Map<number, number> | null {
  if (!rootPid) return null;
  const out = new Map<number, number>();
  try {
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const st = procStat(pid);
      if (st && (pid === rootPid || st.ppid === rootPid)) out.set(pid, st.ticks);
    }
  } catch {
    return null;
  }
  return out;
}

/** Busy share of the machine over `ms`, in % of one core: how idle it is before we start. */
export async function machineLoad(ms: number): Promise<number | null> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineTicks();
  return a && b && b.total > a.total
    ? ((b.busy - a.busy) / (b.total - a.total)) * machineCores() * 100
    : null;
}

/** Starts observing; call the returned function at the end of the phase. */
export function observe(
  db: Db,
  serverPid: number | undefined,
  postmasterPid: number | undefined,
): () => Promise<PhaseObservation> {
  const t0 = performance.now();
  const m0 = machineTicks();
  const s0 = processTicks(serverPid);
  const pg0 = familyTicks(postmasterPid);
  const c0 = process.cpuUsage();
  const states = new Map<string, number>();
  let samples = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      try {
        const r = await db.execute<{ state: string }>(sql`
          select case when wait_event_type is null then 'CPU' else wait_event_type || ':' || wait_event end as state
          from pg_stat_activity
          where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`);
        samples++;
        for (const row of r.rows) states.set(row.state, (states.get(row.state) ?? 0) + 1);
      } catch {
        // a sample lost is no harm
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    running = false;
    await sampler;
    const seconds = (performance.now() - t0) / 1000;
    const m1 = machineTicks();
    const s1 = processTicks(serverPid);
    const pg1 = familyTicks(postmasterPid);
    const c = process.cpuUsage(c0);
    const pct = (ticks: number) => (ticks / TICKS_PER_SECOND / seconds) * 100;
    const machineCpuPct =
      m0 && m1 && m1.total > m0.total
        ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * machineCores() * 100
        : null;
    const serverCpuPct = s0 !== null && s1 !== null ? pct(s1 - s0) : null;
    const clientCpuPct = ((c.user + c.system) / 1e6 / seconds) * 100;
    let postgresCpuPct: number | null = null;
    if (pg0 && pg1) {
      let ticks = 0;
      for (const [pid, t] of pg1) ticks += t - (pg0.get(pid) ?? 0);
      postgresCpuPct = pct(ticks);
    }
    const seen = [...states.values()].reduce((a, b) => a + b, 0);
    return {
      seconds,
      machineCpuPct,
      serverCpuPct,
      clientCpuPct,
      postgresCpuPct,
      otherCpuPct:
        machineCpuPct !== null
          ? Math.max(0, machineCpuPct - (serverCpuPct ?? 0) - clientCpuPct - (postgresCpuPct ?? 0))
          : null,
      dbSessionStates: [...states.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([state, n]) => ({ state, pct: (n / Math.max(1, seen)) * 100 })),
      dbSamples: samples,
    };
  };
}

/** /proc/stat's first line sums every core's ticks; a core gives TICKS_PER_SECOND a second. */
function machineCores(): number {
  try {
    return (
      readFileSync('/proc/stat', 'utf8')
        .split('\n')
        .filter((l) => /^cpu\d/.test(l)).length || 1
    );
  } catch {
    return 1;
  }
}
