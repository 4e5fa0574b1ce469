import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time so far, in ms, of each process of the PostgreSQL server on this machine (backends and
 * background workers alike), by pid, from /proc; null where that cannot be read (another machine,
 * not Linux).
 */
function postgresCpuByPid(): Map<string, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  const byPid = new Map<string, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      // The fields after the command name: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // The process ended meanwhile.
    }
  }
  return byPid.size > 0 ? byPid : null;
}

/**
 * CPU time, in ms, of this process (all its threads) and of the PostgreSQL server, from now on.
 * PostgreSQL's counts every database of the server, so a bench reads it only while nothing else
 * runs there; a process that ends before the reading (an autovacuum worker, a closed connection)
 * is left out, not subtracted.
 */
export function cpuMeter(): () => { processMs: number; postgresMs: number | null } {
  const process0 = process.cpuUsage();
  const postgres0 = postgresCpuByPid();
  return () => {
    const used = process.cpuUsage(process0);
    const postgres1 = postgresCpuByPid();
    let postgresMs: number | null = null;
    if (postgres0 && postgres1) {
      postgresMs = 0;
      for (const [pid, ms] of postgres1) postgresMs += ms - (postgres0.get(pid) ?? 0);
    }
    return { processMs: (used.user + used.system) / 1000, postgresMs };
  };
}
