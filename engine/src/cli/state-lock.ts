// Taking the state lock, retrying until -lock-timeout runs out; the error names the holder.
import { error, type Diagnostic } from '../diagnostics';
import type { StateBackend } from '../state/backend';

/** "30s", "2m", "500ms", "0s" into milliseconds; undefined when malformed. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

export async function acquireLock(backend: StateBackend, operation: string, version: string, timeoutMs: number): Promise<{ id?: string; diagnostics: Diagnostic[] }> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    const l = await backend.lock(operation, version);
    if (l.ok) return { id: l.info.ID, diagnostics: [] };
    if (Date.now() >= deadline) {
      const h = l.holder;
      return {
        diagnostics: [error('Error acquiring the state lock', `The state ${backend.location} is locked by ${h.Who} (pid ${h.Pid} on ${h.Host}) for ${h.Operation} since ${h.Created}.\n\nLock Info:\n  ID:        ${h.ID}\n  Path:      ${h.Path}\n  Operation: ${h.Operation}\n  Who:       ${h.Who}\n  Version:   ${h.Version}\n  Created:   ${h.Created}\n\nWait for it to finish (or use -lock-timeout=DURATION to wait), run "gridform force-unlock ${h.ID}" if you are sure it is gone, or run with -lock=false if you are sure nobody else is using the state.`)],
      };
    }
    await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, deadline - Date.now()))));
  }
}
