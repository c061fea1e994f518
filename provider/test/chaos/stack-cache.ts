// The stacks trials apply, built once per run and variant: grid stacks synthesized by CDKTF,
// data stacks written as JSON.
import { dataStack, synthGridStack } from './stacks';
import type { TrialContext } from './trial';

export type Stack = 'grid' | 'data';

const synthesized = new Map<string, string>();

/** The stack's JSON for a version, synthesized once per process (grid) or written (data). */
export function stackJson(t: TrialContext, stack: Stack, version: 1 | 2): string {
  const key = `${stack}:${version}:${stack === 'data' ? t.opts.dataCount : t.opts.nodes}`;
  if (!synthesized.has(key)) {
    const nodes = Array.from({ length: Math.min(3, t.opts.nodes) }, (_, i) => i + 1);
    synthesized.set(key, stack === 'grid' ? synthGridStack({ version, nodes }) : dataStack(t.opts.dataCount, version));
  }
  return synthesized.get(key)!;
}
