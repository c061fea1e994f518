// Taking the state lock, retrying until -lock-timeout runs out; the error names the holder.
import { error, type Diagnostic } from '../diagnostics';
import type { LockInfo, StateBackend } from '../state/backend';

/** "30s", "2m", "500ms", "0s" into milliseconds; undefined when malformed. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

export async function acquireLock(
  backend: StateBackend,
  operation: string,
  version: string,
  timeoutMs: number,
): Promise<{ id?: string; diagnostics: Diagnostic[] }> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    const l = await backend.lock(operation, version);
    if (l.ok) return { id: l.info.ID, diagnostics: [] };
    if ('problem' in l) return { diagnostics: [error('Error acquiring the state lock', l.problem)] };
    if (Date.now() >= deadline) {
      const h = l.holder;
      const unlock = h.ID
        ? `run "gridform force-unlock ${h.ID}" if you are sure it is gone`
        : 'end that session if you are sure it is stuck';
      const todo =
        `Wait for it to finish (or use -lock-timeout=DURATION to wait), ${unlock}, or run with -lock=false if you are sure ` +
        'nobody else is using the state.';
      const detail = `The state ${backend.location} is locked by ${describeHolder(h)}.\n\n${lockInfoBlock(h)}\n\n${todo}`;
      return { diagnostics: [error('Error acquiring the state lock', detail)] };
    }
    await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, deadline - Date.now()))));
  }
}

/** "alice@build-3 (pid 4242 on build-3) for OperationApply since 2026-...", with only what is known. */
export function describeHolder(h: LockInfo): string {
  const where = [h.Pid ? `pid ${h.Pid}` : '', h.Host ? `on ${h.Host}` : ''].filter(Boolean).join(' ');
  const what = `${h.Operation ? ` for ${h.Operation}` : ''}${h.Created ? ` since ${h.Created}` : ''}`;
  return `${h.Who || 'an unknown holder'}${where ? ` (${where})` : ''}${what}`;
}

/** Terraform's Lock Info block; fields the holder did not record are left out. */
export function lockInfoBlock(h: LockInfo): string {
  const rows: [string, string | number | undefined][] = [
    ['ID', h.ID],
    ['Path', h.Path],
    ['Operation', h.Operation],
    ['Who', h.Who],
    ['Version', h.Version],
    ['Created', h.Created],
    ['Info', h.Info],
  ];
  return ['Lock Info:', ...rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `  ${`${k}:`.padEnd(11)}${v}`)].join('\n');
}
