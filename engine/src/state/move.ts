// Moving objects to another address in the state, all or nothing: what `state mv` and the
// configuration's `moved` blocks do. A resource address moves every instance (keeping its key);
// an instance address moves that one instance.
import { error, type Diagnostic } from '../diagnostics';
import { instanceAddress, parseInstanceAddress, splitResourceAddress } from '../addresses/address';
import type { StateView } from './state';

/** The instance addresses in the state that `pattern` (a resource or instance address) names. */
export function matchingInstances(state: StateView, pattern: string): string[] {
  const p = parseInstanceAddress(pattern);
  if (!p) return [];
  return state.instanceAddresses().filter((a) => {
    const x = parseInstanceAddress(a)!;
    return x.resource === p.resource && (p.key === undefined || x.key === p.key);
  });
}

/** Moves what `from` names to `to`; on any refusal nothing moves. Returns the [from, to] pairs moved. */
export function moveObjects(state: StateView, from: string, to: string): { moved: [string, string][]; diagnostics: Diagnostic[] } {
  const src = parseInstanceAddress(from);
  const dst = parseInstanceAddress(to);
  if (!src || !dst) return { moved: [], diagnostics: [error('Invalid address', `${!src ? from : to} is not a resource address.`)] };
  const moving = matchingInstances(state, from);
  if (!moving.length) return { moved: [], diagnostics: [error(`No object found at ${from}`, 'state list shows what the state holds.')] };
  const srcType = splitResourceAddress(src.resource);
  const dstType = splitResourceAddress(dst.resource);
  if (srcType.type !== dstType.type || srcType.mode !== dstType.mode)
    return { moved: [], diagnostics: [error('Invalid state move', `${from} is a ${srcType.type}; it cannot become a ${dstType.type}.`)] };
  const pairs = moving.map((a): [string, string] => [
    a,
    instanceAddress(dst.resource, src.key === undefined && dst.key === undefined ? parseInstanceAddress(a)!.key : dst.key),
  ]);
  const taken = pairs.find(([a, target]) => a !== target && state.instance(target));
  if (taken)
    return { moved: [], diagnostics: [error('Destination already exists', `${taken[1]} is already in the state; nothing was moved.`)] };
  const r = state.resource(src.resource)!;
  for (const [a, target] of pairs) {
    const inst = state.instance(a)!;
    state.removeInstance(a);
    state.setInstance({ mode: r.mode, type: dstType.type, name: dstType.name, provider: r.provider }, target, inst);
  }
  return { moved: pairs, diagnostics: [] };
}
