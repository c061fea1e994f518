// The dependency graph of a configuration: edges from references and depends_on. Ordering is
// deterministic; a cycle is reported with its path.
import { error, type Diagnostic } from '../diagnostics';
import { parseTemplate, referencedAddress, references, ExprError } from '../expr/parse';
import type { Config } from '../config/types';

export interface Graph {
  /** address -> addresses it depends on */
  readonly deps: ReadonlyMap<string, ReadonlySet<string>>;
  /** every address, dependencies first */
  readonly order: readonly string[];
}

/** Addresses referenced anywhere in a JSON body, following locals to what they reference. Throws ExprError for unsupported expressions. */
export function bodyReferences(body: unknown, into = new Set<string>(), locals?: ReadonlyMap<string, unknown>, seenLocals = new Set<string>()): Set<string> {
  if (typeof body === 'string') {
    if (body.includes('${')) for (const r of references(parseTemplate(body))) {
      const a = referencedAddress(r);
      if (a) into.add(a);
      else if (r.root === 'local' && locals && r.steps[0]?.kind === 'attr') {
        const name = r.steps[0].name;
        if (!seenLocals.has(name) && locals.has(name)) {
          seenLocals.add(name);
          bodyReferences(locals.get(name), into, locals, seenLocals);
        }
      }
    }
  } else if (Array.isArray(body)) body.forEach((b) => bodyReferences(b, into, locals, seenLocals));
  else if (body && typeof body === 'object') Object.values(body).forEach((b) => bodyReferences(b, into, locals, seenLocals));
  return into;
}

export function buildGraph(config: Config): { graph?: Graph; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const deps = new Map<string, Set<string>>();
  for (const r of config.resources.values()) {
    const set = new Set<string>();
    try {
      const conditions = [...r.lifecycle.preconditions, ...r.lifecycle.postconditions].map((c) => [c.condition, c.errorMessage]);
      bodyReferences([r.body, r.count ?? null, r.forEach ?? null, conditions], set, config.locals);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error('Unsupported expression', err.message, { address: r.address }));
    }
    for (const d of r.dependsOn) set.add(d.replace(/\[[^\]]*\]$/, ''));
    for (const t of r.lifecycle.replaceTriggeredBy) {
      const m = /^((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)/.exec(t);
      if (m) set.add(m[1]);
    }
    for (const d of set) {
      if (!config.resources.has(d)) diags.push(error(`Reference to undeclared resource ${d}`, `${r.address} refers to ${d}, which is not in the configuration.`, { address: r.address }));
    }
    deps.set(r.address, new Set([...set].filter((d) => config.resources.has(d) && d !== r.address)));
    if (set.has(r.address)) diags.push(error('Self-referential resource', `${r.address} refers to itself.`, { address: r.address }));
  }
  const order = topoOrder(deps, diags);
  return { graph: diags.length ? undefined : { deps, order }, diagnostics: diags };
}

function topoOrder(deps: Map<string, Set<string>>, diags: Diagnostic[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (a: string): boolean => {
    const s = state.get(a);
    if (s === 'done') return true;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(a)), a];
      diags.push(error('Cycle in the configuration', `The resources depend on each other in a loop: ${cycle.join(' -> ')}. Break it by removing one reference or depends_on.`, { address: a }));
      return false;
    }
    state.set(a, 'visiting');
    stack.push(a);
    for (const d of [...(deps.get(a) ?? [])].sort()) if (!visit(d)) return false;
    stack.pop();
    state.set(a, 'done');
    order.push(a);
    return true;
  };
  for (const a of [...deps.keys()].sort()) if (!visit(a)) break;
  return order;
}
