// The blocks that change what the state holds without a resource of their own: `moved` (cdktf's
// moveTo / moveFromId), `import` (cdktf's importFrom) and `removed`. Each is checked as terraform
// checks it when it reads the configuration; what needs the expanded instances (a moved block
// from an instance still declared) is checked by the plan.
import { error, type Diagnostic } from '../diagnostics';
import { parseInstanceAddress, splitResourceAddress } from '../addresses/address';
import type { ImportConfig, MoveConfig, RemovedConfig, ResourceConfig } from './types';
import { addressText, blockList, isObject, type Json } from './json-shape';

/** Arguments a block does not take, refused as terraform refuses them. */
function extraneous(block: Json, allowed: readonly string[], where: string): Diagnostic[] {
  return Object.keys(block)
    .filter((k) => k !== '//' && !allowed.includes(k))
    .map((k) =>
      error('Extraneous JSON object property', `No argument or block type is named "${k}" in ${where}; it takes ${allowed.join(', ')}.`),
    );
}

/** `import` blocks: `to` a declared managed resource (or one of its instances), `id` a literal. */
export function importBlocks(raw: unknown, resources: ReadonlyMap<string, ResourceConfig>, diags: Diagnostic[]): ImportConfig[] {
  const out: ImportConfig[] = [];
  for (const [i, block] of blockList(raw).entries()) {
    const b = isObject(block) ? block : {};
    diags.push(
      ...extraneous(b, ['to', 'id', 'provider', 'for_each'], `import block ${i + 1}`).filter((d) => !d.detail?.includes('"for_each"')),
    );
    if (b.for_each !== undefined) {
      diags.push(
        error('for_each in import blocks is not supported yet', `import block ${i + 1}: write one import block per instance instead.`),
      );
      continue;
    }
    if (b.to === undefined) {
      diags.push(error('Missing required argument', `import block ${i + 1}: the argument "to" is required, but no definition was found.`));
      continue;
    }
    const to = addressText(b.to);
    const target = parseInstanceAddress(to);
    if (target?.resource.startsWith('data.')) {
      diags.push(
        error('Invalid import address', `import block ${i + 1} imports into ${to}: only managed resources can be imported.`, {
          address: to,
        }),
      );
      continue;
    }
    if (!target) {
      diags.push(
        error(
          'Invalid import block',
          `import block ${i + 1} needs to, the address of a managed resource or instance (got ${JSON.stringify(b.to)}).`,
        ),
      );
      continue;
    }
    if (!resources.has(target.resource)) {
      diags.push(
        error(
          'Configuration for import target does not exist',
          `import block ${i + 1} imports into ${to}, which the configuration does not declare: add the resource (in CDKTF: the construct).`,
          { address: to },
        ),
      );
      continue;
    }
    if (b.id === '') {
      diags.push(
        error(
          'Invalid import id argument',
          `import block ${i + 1} (into ${to}): the import ID value evaluates to an empty string, please provide a non-empty value.`,
          { address: to },
        ),
      );
      continue;
    }
    if (typeof b.id !== 'string' || b.id.includes('${')) {
      diags.push(
        error(
          'Invalid import id',
          `import block ${i + 1} (into ${to}) needs id, the object's ID as a literal string (got ${JSON.stringify(b.id)}).`,
          { address: to },
        ),
      );
      continue;
    }
    if (out.some((x) => x.to === to)) {
      diags.push(
        error(
          `Duplicate import configuration for "${to}"`,
          `Two import blocks import into ${to}; a resource can have only one import block.`,
          { address: to },
        ),
      );
      continue;
    }
    out.push({ to, id: b.id, ...(addressText(b.provider) ? { provider: addressText(b.provider) } : {}) });
  }
  return out;
}

/**
 * `moved` blocks. When one end names an instance, the other end names an instance too (the
 * resource's only instance when written without a key), as terraform unifies them. A move from
 * a resource still declared is refused here; from an instance still declared, by the plan.
 */
export function movedBlocks(raw: unknown, resources: ReadonlyMap<string, ResourceConfig>, diags: Diagnostic[]): MoveConfig[] {
  const out: MoveConfig[] = [];
  const before = diags.length;
  for (const [i, block] of blockList(raw).entries()) {
    const b = isObject(block) ? block : {};
    diags.push(...extraneous(b, ['from', 'to'], `moved block ${i + 1}`));
    const missing = ['from', 'to'].find((k) => b[k] === undefined);
    if (missing) {
      diags.push(
        error('Missing required argument', `moved block ${i + 1}: the argument "${missing}" is required, but no definition was found.`),
      );
      continue;
    }
    const [from, to] = [addressText(b.from), addressText(b.to)];
    const [src, dst] = [parseInstanceAddress(from), parseInstanceAddress(to)];
    if (!src || !dst || src.resource.startsWith('data.') || dst.resource.startsWith('data.')) {
      diags.push(
        error(
          'Invalid moved block',
          `moved block ${i + 1} needs from and to, each the address of a managed resource or instance (got ${JSON.stringify(
            from,
          )} and ${JSON.stringify(to)}).`,
        ),
      );
      continue;
    }
    if (splitResourceAddress(src.resource).type !== splitResourceAddress(dst.resource).type) {
      diags.push(
        error(
          'Resource type mismatch',
          `moved block ${i + 1}: ${from} is a ${splitResourceAddress(src.resource).type}; it cannot move to ${to}, a ${
            splitResourceAddress(dst.resource).type
          }.`,
        ),
      );
      continue;
    }
    if (from === to) {
      diags.push(
        error(
          'Redundant move statement',
          `moved block ${i + 1} declares a move from ${from} to the same address, which is the same as not declaring this move at all.`,
          { address: from },
        ),
      );
      continue;
    }
    const instanceMove = src.key !== undefined || dst.key !== undefined;
    const rc = resources.get(src.resource);
    // a resource still declared, or the keyless instance of one declared without count or for_each
    if (rc && (!instanceMove || (src.key === undefined && rc.count === undefined && rc.forEach === undefined))) {
      diags.push(stillExists(`moved block ${i + 1}`, from, to, instanceMove ? 'resource instance' : 'resource'));
      continue;
    }
    const earlier = out.find((m) => m.from === from && m.to !== to) ?? out.find((m) => m.to === to && m.from !== from);
    if (earlier) {
      const detail =
        earlier.from === from
          ? `An earlier moved block declared that ${from} moved to ${earlier.to}, but moved block ${
              i + 1
            } instead declares that it moved to ${to}. Each ${instanceMove ? 'instance' : 'resource'} can move to only one destination.`
          : `An earlier moved block declared that ${earlier.from} moved to ${to}, but moved block ${
              i + 1
            } instead declares that ${from} moved there. Each ${
              instanceMove ? 'instance' : 'resource'
            } can have moved from only one source.`;
      diags.push(error('Ambiguous move statements', detail, { address: from }));
      continue;
    }
    if (!out.some((m) => m.from === from && m.to === to)) out.push({ from, to });
  }
  if (diags.length === before) {
    const cycle = moveCycle(out);
    if (cycle) {
      const lines = cycle.map((m) => `\n  - ${m.from} → ${m.to}`).join('');
      const detail =
        `The following chained move statements form a cycle, and so there is no final location to move objects to:${lines}\n\n` +
        "A chain of move statements must end with an address that doesn't appear in any other statements, and which typically also " +
        'refers to an object still declared in the configuration.';
      diags.push(error('Cyclic dependency in move statements', detail));
    }
  }
  return out;
}

/** `where` ("moved block 2") moves `from`, which the configuration still declares. */
export function stillExists(where: string, from: string, to: string, noun: 'resource' | 'resource instance'): Diagnostic {
  const short = noun === 'resource' ? 'resource' : 'instance';
  const detail =
    `${where} moves ${from} to ${to}, but ${from} is still declared (a ${noun} of the configuration). ` +
    `Change your configuration so that this ${short} will be declared as ${to} instead, or drop the moved block.`;
  return error('Moved object still exists', detail, { address: from });
}

/** Statements chained from one another back to the first, if any chain loops. */
function moveCycle(moves: readonly MoveConfig[]): MoveConfig[] | undefined {
  const resourceOf = (a: string) => parseInstanceAddress(a)?.resource ?? a;
  // a statement continues another when it moves from where the other moved to (the same instance, or within the same resource)
  const next = (m: MoveConfig) =>
    moves.filter(
      (n) =>
        n !== m &&
        (n.from === m.to || (resourceOf(n.from) === resourceOf(m.to) && (n.from === resourceOf(n.from) || m.to === resourceOf(m.to)))),
    );
  for (const start of moves) {
    const path: MoveConfig[] = [];
    const seen = new Set<MoveConfig>();
    const walk = (m: MoveConfig): boolean => {
      if (m === start && path.length) return true;
      if (seen.has(m)) return false;
      seen.add(m);
      path.push(m);
      if (next(m).some(walk)) return true;
      path.pop();
      return false;
    };
    if (walk(start)) return path;
  }
  return undefined;
}

/** `removed` blocks: `from` a managed resource address no longer declared, `lifecycle.destroy` a bool (default true). */
export function removedBlocks(raw: unknown, resources: ReadonlyMap<string, ResourceConfig>, diags: Diagnostic[]): RemovedConfig[] {
  const out: RemovedConfig[] = [];
  for (const [i, block] of blockList(raw).entries()) {
    const b = isObject(block) ? block : {};
    const where = `removed block ${i + 1}`;
    diags.push(...extraneous(b, ['from', 'lifecycle', 'provisioner', 'connection'], where));
    if (b.provisioner !== undefined || b.connection !== undefined) {
      diags.push(
        error('provisioner is not supported yet', `Remove the provisioner (and connection) from ${where}: gridform runs no provisioners.`),
      );
    }
    if (b.from === undefined) {
      diags.push(error('Missing required argument', `${where}: the argument "from" is required, but no definition was found.`));
      continue;
    }
    const from = addressText(b.from);
    // a module that is not declared holds nothing gridform manages: such a block has nothing to do
    if (/^module\.[A-Za-z_][\w-]*$/.test(from)) continue;
    const parsed = parseInstanceAddress(from);
    if (!parsed) {
      diags.push(
        error(
          'Invalid removed block',
          `${where} needs from, the address of a managed resource such as terraform_data.x (got ${JSON.stringify(b.from)}).`,
        ),
      );
      continue;
    }
    if (parsed.resource.startsWith('data.')) {
      const detail =
        `${where} removes ${from}: data sources are never destroyed, so they are not valid targets of removed blocks. ` +
        'To remove the data source from state, remove the data source block from configuration.';
      diags.push(error('Data source address not allowed', detail, { address: from }));
      continue;
    }
    if (parsed.key !== undefined) {
      const detail =
        `${where} removes ${from}: the address must be a resource (e.g. "terraform_data.x"), ` +
        'not a resource instance (e.g. "terraform_data.x[1]").';
      diags.push(error('Resource instance keys not allowed', detail, { address: from }));
      continue;
    }
    const destroy = removedDestroy(b.lifecycle, where, diags);
    if (destroy === undefined) continue;
    if (resources.has(from)) {
      const detail =
        `${where} declares that ${from} was removed, but it is still declared in the configuration: ` +
        'remove the resource (in CDKTF: the construct), or the removed block.';
      diags.push(error('Removed resource still exists', detail, { address: from }));
      continue;
    }
    if (!out.some((r) => r.from === from)) out.push({ from, destroy });
  }
  return out;
}

/** lifecycle { destroy = bool } of a removed block; undefined (with an error) when malformed. */
function removedDestroy(raw: unknown, where: string, diags: Diagnostic[]): boolean | undefined {
  if (raw === undefined) return true;
  const blocks = Array.isArray(raw) ? raw : [raw];
  let destroy = true;
  for (const l of blocks) {
    if (!isObject(l)) {
      diags.push(error('Incorrect block value type', `lifecycle of ${where} must be a block (an object).`));
      return undefined;
    }
    const extra = extraneous(l, ['destroy'], `the lifecycle of ${where}`);
    if (extra.length) return void diags.push(...extra);
    const d = l.destroy;
    if (d === undefined) continue;
    if (d === true || d === 'true') destroy = true;
    else if (d === false || d === 'false') destroy = false;
    else
      return void diags.push(
        error('Unsuitable value type', `lifecycle.destroy of ${where}: a bool is required (got ${JSON.stringify(d)}).`),
      );
  }
  return destroy;
}
