// The dependency graph of a configuration: edges from references and depends_on. Ordering is
// deterministic; a cycle is reported with its path.
import { error, type Diagnostic } from '../diagnostics';
import { isTemplate, parseTemplate, referencedAddress, references, ExprError } from '../expr/parse';
import type { Config } from '../config/types';
import { declaredDependency } from '../addresses/module-names';

export interface Graph {
  /** address -> addresses it depends on */
  readonly deps: ReadonlyMap<string, ReadonlySet<string>>;
  /** every address, dependencies first */
  readonly order: readonly string[];
}

/** Addresses referenced anywhere in a JSON body, following locals to what they reference. Throws ExprError for unsupported expressions. */
export function bodyReferences(
  body: unknown,
  into = new Set<string>(),
  locals?: ReadonlyMap<string, unknown>,
  seenLocals = new Set<string>(),
): Set<string> {
  if (typeof body === 'string') {
    if (isTemplate(body))
      for (const r of references(parseTemplate(body))) {
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
  else if (body && typeof body === 'object') {
    // property names are templates too (HCL's JSON syntax), so references in them count
    for (const [k, v] of Object.entries(body)) {
      if (isTemplate(k)) bodyReferences(k, into, locals, seenLocals);
      bodyReferences(v, into, locals, seenLocals);
    }
  }
  return into;
}

export function buildGraph(config: Config): { graph?: Graph; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = localCycles(config.locals);
  if (diags.length) return { diagnostics: diags };
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
    for (const t of r.lifecycle.replaceTriggeredBy) {
      const m = /^((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)/.exec(t);
      if (m) set.add(declaredDependency(m[1]));
    }
    // terraform lets depends_on name the resource itself (an edge to itself adds nothing); a value that does is an error
    const selfReferential = set.has(r.address);
    for (const d of r.dependsOn) set.add(d.replace(/\[[^\]]*\]$/, ''));
    for (const d of set) {
      if (!config.resources.has(d))
        diags.push(
          error(`Reference to undeclared resource ${d}`, `${r.address} refers to ${d}, which is not in the configuration.`, {
            address: r.address,
          }),
        );
    }
    deps.set(r.address, new Set([...set].filter((d) => config.resources.has(d) && d !== r.address)));
    if (selfReferential) diags.push(error('Self-referential resource', `${r.address} refers to itself.`, { address: r.address }));
  }
  const order = topoOrder(deps, diags);
  return { graph: diags.length ? undefined : { deps, order }, diagnostics: diags };
}

/** The locals each local refers to. */
function localDeps(locals: ReadonlyMap<string, unknown>): { deps: Map<string, string[]>; diagnostics: Diagnostic[] } {
  const deps = new Map<string, string[]>();
  const diagnostics: Diagnostic[] = [];
  const walk = (body: unknown, into: Set<string>): void => {
    if (typeof body === 'string') {
      if (!isTemplate(body)) return;
      for (const r of references(parseTemplate(body))) if (r.root === 'local' && r.steps[0]?.kind === 'attr') into.add(r.steps[0].name);
    } else if (Array.isArray(body)) body.forEach((b) => walk(b, into));
    else if (body && typeof body === 'object') Object.entries(body).forEach(([k, b]) => (walk(k, into), walk(b, into)));
  };
  for (const [name, body] of locals) {
    const into = new Set<string>();
    try {
      walk(body, into);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diagnostics.push(error('Unsupported expression', `local.${name}: ${err.message}`));
    }
    deps.set(name, [...into].filter((d) => locals.has(d)).sort());
  }
  return { deps, diagnostics };
}

/** Locals that refer to themselves or to each other in a loop, which no evaluation order can compute. */
function localCycles(locals: ReadonlyMap<string, unknown>): Diagnostic[] {
  const { deps, diagnostics } = localDeps(locals);
  if (diagnostics.length) return diagnostics;
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): Diagnostic | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name].map((n) => `local.${n}`);
      if (cycle.length === 2) {
        return error('Self-referential local value', `${cycle[0]} refers to itself: its value cannot be computed. Remove the reference.`);
      }
      const detail = `The locals refer to each other in a loop: ${cycle.join(' -> ')}. Break it by removing one of the references.`;
      return error('Cycle in the locals', detail);
    }
    state.set(name, 'visiting');
    stack.push(name);
    for (const d of deps.get(name) ?? []) {
      const found = visit(d);
      if (found) return found;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of [...locals.keys()].sort()) {
    const found = visit(name);
    if (found) return [found];
  }
  return [];
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
      diags.push(
        error(
          'Cycle in the configuration',
          `The resources depend on each other in a loop: ${cycle.join(' -> ')}. Break it by removing one reference or depends_on.`,
          { address: a },
        ),
      );
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
