// Timing whole commands as a user runs them: wall time, CPU time (user + system, which a busy
// machine inflates far less than wall time) and peak memory (max RSS) of one process, through
// /usr/bin/time, and a plain text table for the results.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export interface Step {
  seconds: number;
  /** user + system CPU seconds of the process and its children */
  cpuSeconds: number;
  maxRssMb: number;
  ok: boolean;
}

export function timed(cmd: string, args: string[], cwd: string): Step {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const figures = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  const cpuSeconds = Number(figures?.[1] ?? 0) + Number(figures?.[2] ?? 0);
  const rss = Number(figures?.[3] ?? 0) / 1024;
  if (r.status !== 0) process.stderr.write(`${path.basename(cmd)} ${args[0]} failed (${r.status}): ${(r.stderr ?? '').slice(-500)}\n`);
  return { seconds, cpuSeconds, maxRssMb: rss, ok: r.status === 0 };
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
