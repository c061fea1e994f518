// Moves at plan time: an object the state records at a `moved` block's `from` is moved to its
// `to` in the state the plan starts from, so it is kept rather than destroyed and made again.
// Terraform also implies moves (internal/refactoring ImpliedMoveStatements): a resource that
// gains count keeps its keyless object as [0], and one that loses count keeps [0] as its keyless
// object (for_each implies nothing), unless a moved block names the resource. A move whose
// destination is taken is not made: the plan warns, and the object at `from` is destroyed.
import { error, warning, type Diagnostic } from '../diagnostics';
import { instanceAddress, parseInstanceAddress, splitResourceAddress, type InstanceAddress } from '../addresses/address';
import type { Config, MoveConfig } from '../config/types';
import { stillExists } from '../config/refactoring';
import { matchingInstances } from '../state/move';
import type { StateView } from '../state/state';
import type { ResourceChange } from './types';

export interface MoveResults {
  /** each moved object's address before this plan, by its new address */
  readonly previous: Map<string, string>;
  readonly diagnostics: Diagnostic[];
}

/** Whether a statement moves one instance (either end has a key) rather than a whole resource. */
function isInstanceMove(m: MoveConfig): boolean {
  return parseInstanceAddress(m.from)?.key !== undefined || parseInstanceAddress(m.to)?.key !== undefined;
}

/** The moves terraform infers from count added to or taken from a resource the state holds. */
export function impliedMoves(config: Config, state: StateView): MoveConfig[] {
  const named = new Set(config.moves.flatMap((m) => [m.from, m.to].map((a) => parseInstanceAddress(a)?.resource)));
  const out: MoveConfig[] = [];
  for (const r of state.resources()) {
    if (r.mode !== 'managed') continue;
    const resource = `${r.type}.${r.name}`;
    const rc = config.resources.get(resource);
    if (!rc || named.has(resource)) continue;
    const keys = new Set(r.instances.filter((i) => !i.deposed).map((i) => i.index_key));
    if (rc.count !== undefined && keys.has(undefined)) out.push({ from: resource, to: instanceAddress(resource, 0) });
    if (rc.count === undefined && rc.forEach === undefined && keys.has(0)) out.push({ from: instanceAddress(resource, 0), to: resource });
  }
  return out;
}

/** The [from, to] instance pairs a statement would move in `state` now (empty when nothing is at `from`). */
function pairsOf(m: MoveConfig, state: StateView): [string, string][] {
  if (isInstanceMove(m)) return state.instance(m.from) ? [[m.from, m.to]] : [];
  const to = parseInstanceAddress(m.to)!.resource;
  return matchingInstances(state, m.from).map((a) => [a, instanceAddress(to, parseInstanceAddress(a)!.key)]);
}

/**
 * Applies the statements in place in `state`: each at most once, whichever order they are
 * written in (chains A -> B -> C end at C); one whose destination stays taken is left undone.
 */
export function applyMoves(moves: readonly MoveConfig[], state: StateView): MoveResults {
  const previous = new Map<string, string>();
  const pending = new Set(moves);
  for (let progress = true; progress;) {
    progress = false;
    for (const m of pending) {
      const pairs = pairsOf(m, state);
      if (!pairs.length || pairs.some(([, to]) => state.instance(to))) continue;
      pending.delete(m);
      progress = true;
      for (const [from, to] of pairs) {
        const r = state.resource(parseInstanceAddress(from)!.resource)!;
        const inst = state.instance(from)!;
        const target = parseInstanceAddress(to)!;
        const { type, name } = splitResourceAddress(target.resource);
        state.removeInstance(from);
        state.setInstance({ mode: r.mode, type, name, provider: r.provider }, to, inst);
        previous.set(to, previous.get(from) ?? from);
        previous.delete(from);
      }
    }
  }
  const blocked = [...pending].flatMap((m) => pairsOf(m, state)).filter(([, to]) => state.instance(to));
  return { previous, diagnostics: blocked.length ? [blockedWarning(blocked)] : [] };
}

function blockedWarning(blocked: [string, string][]): Diagnostic {
  const items = blocked.map(([from, to]) => `\n  - ${from} could not move to ${to}`).join('');
  return warning(
    'Unresolved resource instance address changes',
    'gridform tried to adjust resource instance addresses in the prior state based on change information recorded in the ' +
      `configuration, but some adjustments did not succeed due to existing objects already at the intended addresses:${items}\n\n` +
      "gridform has planned to destroy these objects. If gridform's proposed changes aren't appropriate, you must first resolve " +
      'the conflicts using the "gridform state" subcommands and then create a new plan.',
  );
}

/** A moved block from an instance the configuration still declares (known once count and for_each are expanded). */
export function movedFromDeclared(moves: readonly MoveConfig[], planned: readonly ResourceChange[]): Diagnostic[] {
  const declared = new Set(planned.filter((c) => !c.deposed && c.action !== 'delete' && c.action !== 'forget').map((c) => c.address));
  return moves
    .filter((m) => isInstanceMove(m) && declared.has(m.from))
    .map((m) => stillExists(`The moved block from ${m.from}`, m.from, m.to, 'resource instance'));
}

/**
 * -target with moves: terraform refuses to plan a move whose object is left out, since the
 * state would hold it at one address and the plan at another.
 */
export function movesOutsideTargets(previous: ReadonlyMap<string, string>, targets: readonly InstanceAddress[]): Diagnostic[] {
  if (!targets.length) return [];
  const covered = (address: string) => {
    const a = parseInstanceAddress(address)!;
    return targets.some((t) => t.resource === a.resource && (t.key === undefined || t.key === a.key));
  };
  const missing = new Set<string>();
  for (const [to, from] of previous) for (const a of [from, to]) if (!covered(a)) missing.add(parseInstanceAddress(a)!.resource);
  if (!missing.size) return [];
  const options = [...missing]
    .sort()
    .map((a) => `\n  -target="${a}"`)
    .join('');
  return [
    error(
      'Moved resource instances excluded by targeting',
      'Resource instances in your current state have moved to new addresses in the latest configuration. gridform must include ' +
        'those resource instances while planning in order to ensure a correct result, but your -target=... options do not fully ' +
        'cover all of those resource instances.\n\nTo create a valid plan, either remove your -target=... options altogether or add ' +
        `the following additional target options:${options}\n\nNote that adding these options may include further additional ` +
        'resource instances in your plan, in order to respect object dependencies.',
    ),
  ];
}
