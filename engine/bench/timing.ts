// Timing whole commands as a user runs them: wall time and peak memory (max RSS, through
// /usr/bin/time) of one process, and a plain text table for the results.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export interface Step {
  seconds: number;
  maxRssMb: number;
  ok: boolean;
}

export function timed(cmd: string, args: string[], cwd: string): Step {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1] ?? 0) / 1024;
  if (r.status !== 0) process.stderr.write(`${path.basename(cmd)} ${args[0]} failed (${r.status}): ${(r.stderr ?? '').slice(-500)}\n`);
  return { seconds, maxRssMb: rss, ok: r.status === 0 };
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

export function fmt(s: Step | undefined): string {
  if (!s) return '-';
  return s.ok ? `${s.seconds.toFixed(2)} s / ${Math.round(s.maxRssMb)} MB` : 'failed';
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return `${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`;
}
