import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchFailed } from '../lib/runner.js';

export interface PgbenchRun {
  tps: number;
  transactions: number;
  failed: number;
  latencyMs: number;
}

/**
 * One pgbench run of a custom script. Asynchronous on purpose: the sealer loop of the "ours + sealer"
 * variant runs on this process's event loop meanwhile. pgbench's own messages can quote SQL, never
 * data of ours; on failure only its last lines are kept.
 */
export async function pgbench(binary: string, url: string, script: string, o: { clients: number; threads: number; seconds: number }): Promise<PgbenchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-log-'));
  const file = join(dir, 'script.sql');
  writeFileSync(file, script);
  try {
    const args = ['-n', '-M', 'extended', '-c', String(o.clients), '-j', String(o.threads), '-T', String(o.seconds), '-f', file, url];
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, out }));
    });
    const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
    const run = {
      tps: num(/^tps = ([\d.]+)/m),
      transactions: num(/number of transactions actually processed: (\d+)/),
      failed: num(/number of failed transactions: (\d+)/) || 0,
      latencyMs: num(/latency average = ([\d.]+) ms/),
    };
    if (code !== 0 || !Number.isFinite(run.tps)) {
      const errors = out.split('\n').filter((l) => /error:/i.test(l)).slice(0, 2);
      throw new BenchFailed(`pgbench exited with ${code}: ${[...errors, ...out.trim().split('\n').slice(-3)].join(' | ')}`);
    }
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
