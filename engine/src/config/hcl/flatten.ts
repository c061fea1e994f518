// The module tree as one configuration document in terraform's JSON syntax, which the engine
// reads as it reads cdk.tf.json: each module instance (count and for_each expanded) contributes
// its resources under mangled names whose addresses are terraform's (module.net["eu"].grid_network.this),
// and its input variables, locals and outputs as root locals; a module call is a local holding the
// instances' outputs. So modules are a level of the one configuration model, not a second engine.
import { error, type Diagnostic } from '../../diagnostics';
import { isObject } from '../json-shape';
import { isModuleAddress, parseInstanceAddress, splitResourceAddress } from '../../addresses/address';
import { mangledLocalName, mangledResourceName, unmangleResourceName } from '../../addresses/module-names';
import type { Value } from '../../values';
import { findAttribute, findBlock, where, type SourceLine } from './block-lines';
import { conditionBlocks } from '../conditions';
import { MODULE_VALIDATION_SECTION } from '../module-validations';
import type { ModuleCall, ModuleNode } from './module-tree';
import { flatScope, moduleInstances, type InstanceKey } from './module-values';
import { moduleProviderDiagnostics } from './module-providers';
import { hclLiteral, rewriteBody, rewriteTemplate, type RewriteContext } from './rewrite';

type Block = Record<string, unknown>;
type Doc = Record<string, unknown>;

/** Marks a depends_on entry naming a whole module call, expanded to its resources once all are known. */
const MODULE_DEPENDENCY = 'module:';
// '//' is the comment key of JSON syntax (cdktf writes its metadata there)
const CALL_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers', '//']);

export function flattenModules(root: ModuleNode, variables: ReadonlyMap<string, Value>): { doc: Doc; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const rootDir = root.folder.dir;
  const rootCtx: RewriteContext = { path: '', moduleDir: '.', rootDir };
  const out: Doc = {};
  for (const [kind, section] of Object.entries(root.folder.doc)) {
    if (kind === 'module') continue;
    out[kind] = kind === 'resource' || kind === 'data' ? resourceSection(section, rootCtx) : rewriteBody(section, rootCtx);
  }
  const locals = (out.locals ??= {}) as Block;
  const scope = flatScope(locals, variables);
  const moved: Block[] = [];
  const providersChecked = new Set<string>();

  const expandCalls = (node: ModuleNode, ctx: RewriteContext, inheritedDeps: string[]) => {
    for (const call of node.calls.values()) {
      const callLine = findBlock(node.folder.files, 'module', [call.name]);
      const at = where(callLine);
      const b = call.block;
      const rewritten = { count: rewriteBody(b.count, ctx), forEach: rewriteBody(b.for_each, ctx) };
      const instances = moduleInstances(call.name, b, rewritten, scope, at, diags);
      const deps = [...inheritedDeps, ...dependencies(b.depends_on, ctx)];
      const prefix = ctx.path ? `${ctx.path}.module.${call.name}` : `module.${call.name}`;
      const staticPath = prefix.replace(/\[[^\]]*\]/g, '');
      const first = !providersChecked.has(staticPath);
      if (first) diags.push(...moduleProviderDiagnostics(call, staticPath, at));
      providersChecked.add(staticPath);
      for (const inst of instances) {
        const path = prefix + keySuffix(inst.key);
        const argCtx: RewriteContext = {
          ...ctx,
          ...(inst.each ? { each: inst.each } : {}),
          ...(typeof inst.key === 'number' ? { countIndex: inst.key } : {}),
        };
        const childCtx: RewriteContext = { path, moduleDir: call.node.folder.shown, rootDir };
        addInstance(call, argCtx, childCtx, deps, at);
        addValidations(call, childCtx, node, callLine, first && inst === instances[0]);
        expandCalls(call.node, childCtx, deps);
      }
      locals[mangledLocalName(ctx.path, 'call', call.name)] = callObject(
        call,
        prefix,
        b,
        instances.map((i) => i.key),
      );
    }
  };

  const addInstance = (call: ModuleCall, argCtx: RewriteContext, ctx: RewriteContext, deps: string[], at: string) => {
    const doc = call.node.folder.doc;
    const declared = isObject(doc.variable) ? doc.variable : {};
    for (const arg of Object.keys(call.block)) {
      if (CALL_ARGUMENTS.has(arg) || arg in declared) continue;
      diags.push(
        error(
          'Unsupported argument',
          `module "${call.name}" ${at} sets ${arg}, which ${call.node.folder.shown} does not declare as a variable.`,
        ),
      );
    }
    for (const [name, v] of Object.entries(declared)) {
      const decl = isObject(v) ? v : {};
      const value = call.block[name] !== undefined ? rewriteBody(call.block[name], argCtx) : rewriteBody(decl.default, ctx);
      if (call.block[name] === undefined && decl.default === undefined) {
        const detail = `module "${call.name}" ${at} does not set ${name}, which ${call.node.folder.shown} requires (it has no default).`;
        diags.push(error('Missing required argument', detail));
      }
      // the value as given, then converted to the variable's type in a local of its own (any JSON body converts so)
      const given = mangledLocalName(ctx.path, 'var', `${name}__given`);
      locals[given] = value;
      locals[mangledLocalName(ctx.path, 'var', name)] = marked(typed(`local.${given}`, decl.type), decl.sensitive);
    }
    for (const [name, v] of Object.entries(isObject(doc.locals) ? doc.locals : {}))
      locals[mangledLocalName(ctx.path, 'local', name)] = rewriteBody(v, ctx);
    for (const [name, o] of Object.entries(isObject(doc.output) ? doc.output : {})) {
      const value = rewriteBody(isObject(o) ? o.value : null, ctx);
      const local = mangledLocalName(ctx.path, 'output', name);
      if (!isObject(o) || o.sensitive !== true) {
        locals[local] = value;
        continue;
      }
      // a sensitive output: its value in a local of its own (any JSON body), the output that local marked
      const unmarked = mangledLocalName(ctx.path, 'output', `${name}__unmarked`);
      locals[unmarked] = value;
      locals[local] = marked(`\${local.${unmarked}}`, true);
    }
    for (const kind of ['resource', 'data'] as const) {
      const section = resourceSection(doc[kind], ctx, deps);
      const into = (out[kind] ??= {}) as Record<string, Block>;
      for (const [type, byName] of Object.entries(section)) Object.assign((into[type] ??= {}), byName);
    }
    for (const m of Array.isArray(doc.moved) ? doc.moved.filter(isObject) : [])
      moved.push({ from: `${ctx.path}.${String(m.from)}`, to: `${ctx.path}.${String(m.to)}` });
    const terraform = isObject(doc.terraform) ? doc.terraform : {};
    if (isObject(terraform.required_providers)) {
      const rootTf = (out.terraform ??= {}) as Block;
      const req = (rootTf.required_providers ??= {}) as Block;
      for (const [k, v] of Object.entries(terraform.required_providers)) req[k] ??= v;
    }
  };

  /** The validation rules of the instance's variables, rewritten into its flattened names; malformed ones refused once per call. */
  const addValidations = (call: ModuleCall, ctx: RewriteContext, caller: ModuleNode, callLine: SourceLine | undefined, first: boolean) => {
    const doc = call.node.folder.doc;
    const rules = (out[MODULE_VALIDATION_SECTION] ??= []) as Block[];
    for (const [name, v] of Object.entries(isObject(doc.variable) ? doc.variable : {})) {
      if (!isObject(v) || v.validation === undefined) continue;
      const declaredAt = findBlock(call.node.folder.files, 'variable', [name]);
      const owner = `variable "${name}" of ${call.node.folder.shown}${declaredAt ? ` (${where(declaredAt)})` : ''}`;
      const ruleDiags: Diagnostic[] = [];
      const blocks = conditionBlocks(v.validation, 'validation', { owner, variable: name }, ruleDiags);
      if (first) diags.push(...ruleDiags);
      const argLine = callLine && call.block[name] !== undefined ? findAttribute(caller.folder.files, callLine, name) : undefined;
      const callAt = `${where(argLine ?? callLine)}, in module "${call.name}"`;
      const ruleAt = declaredAt ? `${declaredAt.file} line ${declaredAt.line}` : call.node.folder.shown;
      for (const b of blocks)
        rules.push({
          module: ctx.path,
          variable: name,
          call: callAt,
          rule: ruleAt,
          condition: rewriteBody(b.condition, ctx),
          error_message: rewriteBody(b.errorMessage, ctx),
        });
    }
  };

  expandCalls(root, rootCtx, []);
  if (moved.length || Array.isArray(out.moved))
    out.moved = expandModuleMoves([...(Array.isArray(out.moved) ? out.moved : []), ...moved], out);
  resolveModuleDependencies(out);
  return { doc: out, diagnostics: diags };
}

function keySuffix(key: InstanceKey): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** A module input (the expression `given`) converted to its declared type, as terraform converts it at the module boundary. */
function typed(given: string, type: unknown): string {
  if (typeof type !== 'string' || type === 'any') return `\${${given}}`;
  return `\${__gridform_convert(${given}, ${hclLiteral(type)})}`;
}

/**
 * A module variable or output declared `sensitive = true`: its local wrapped in sensitive(), so what it flows into is
 * sensitive as terraform marks it (a root output must then say sensitive, a resource attribute shows as sensitive).
 */
function marked(expression: string, sensitive: unknown): string {
  if (sensitive !== true) return expression;
  return `\${sensitive(${expression.slice(2, -1)})}`;
}

/** A module call's value: its instances' outputs (an object, a list of them for count, a map of them for for_each). */
function callObject(call: ModuleCall, prefix: string, block: Block, keys: InstanceKey[]): string {
  const outputs = Object.keys(isObject(call.node.folder.doc.output) ? call.node.folder.doc.output : {});
  const instance = (key: InstanceKey) => {
    const path = prefix + keySuffix(key);
    return `{${outputs.map((o) => `${hclLiteral(o)} = local.${mangledLocalName(path, 'output', o)}`).join(', ')}}`;
  };
  if (block.count !== undefined) return `\${[${keys.map(instance).join(', ')}]}`;
  if (block.for_each !== undefined) return `\${{${keys.map((k) => `${hclLiteral(String(k))} = ${instance(k)}`).join(', ')}}}`;
  return `\${${instance(undefined)}}`;
}

/** resource or data section of a module instance: names mangled, expressions rewritten, the call's depends_on added. */
function resourceSection(section: unknown, ctx: RewriteContext, extraDeps: string[] = []): Record<string, Record<string, Block>> {
  const out: Record<string, Record<string, Block>> = {};
  for (const [type, byName] of Object.entries(isObject(section) ? section : {})) {
    out[type] = {};
    for (const [name, raw] of Object.entries(isObject(byName) ? byName : {})) {
      const list = Array.isArray(raw) ? raw : [raw];
      const b = isObject(list[0]) ? list[0] : {};
      const { depends_on, lifecycle, ...rest } = b;
      const body = rewriteBody(rest, ctx) as Block;
      const deps = [...dependencies(depends_on, ctx), ...extraDeps];
      if (deps.length) body.depends_on = deps;
      if (lifecycle !== undefined) body.lifecycle = rewriteLifecycle(lifecycle, ctx);
      out[type][mangledResourceName(ctx.path, name)] = body;
    }
  }
  return out;
}

function rewriteLifecycle(raw: unknown, ctx: RewriteContext): unknown {
  return (Array.isArray(raw) ? raw : [raw]).filter(isObject).map((l) => {
    const { ignore_changes, replace_triggered_by, ...rest } = l;
    const out = rewriteBody(rest, ctx) as Block;
    if (ignore_changes !== undefined) out.ignore_changes = ignore_changes;
    if (Array.isArray(replace_triggered_by))
      out.replace_triggered_by = replace_triggered_by.map((r) =>
        typeof r === 'string' ? rewriteTemplate(`\${${r}}`, ctx).slice(2, -1) : r,
      );
    return out;
  });
}

/** depends_on entries in the flattened names: resources mangled, a module call marked to expand, variables and locals dropped. */
function dependencies(raw: unknown, ctx: RewriteContext): string[] {
  const out: string[] = [];
  for (const d of Array.isArray(raw) ? raw : []) {
    if (typeof d !== 'string') continue;
    const m = /^module\.([A-Za-z_][\w-]*)/.exec(d);
    if (m) out.push(`${MODULE_DEPENDENCY}${ctx.path ? `${ctx.path}.` : ''}module.${m[1]}`);
    else if (!/^(var|local|path|terraform|each|count)\./.test(d)) out.push(rewriteTemplate(`\${${d}}`, ctx).slice(2, -1));
  }
  return out;
}

/** Every declared resource key (`type.name` as written in the flattened document) with the module path it belongs to. */
function declaredResources(doc: Doc): { key: string; module: string; local: string }[] {
  const out: { key: string; module: string; local: string }[] = [];
  for (const kind of ['resource', 'data'] as const)
    for (const [type, byName] of Object.entries(isObject(doc[kind]) ? doc[kind] : {}))
      for (const name of Object.keys(isObject(byName) ? byName : {})) {
        const u = unmangleResourceName(name);
        const prefix = kind === 'data' ? 'data.' : '';
        out.push({ key: `${prefix}${type}.${name}`, module: u.module, local: `${prefix}${type}.${u.name}` });
      }
  return out;
}

const inside = (module: string, call: string) => module === call || module.startsWith(`${call}.`) || module.startsWith(`${call}[`);

function resolveModuleDependencies(doc: Doc): void {
  const all = declaredResources(doc);
  for (const kind of ['resource', 'data'] as const)
    for (const byName of Object.values(isObject(doc[kind]) ? doc[kind] : {}))
      for (const b of Object.values(isObject(byName) ? byName : {})) {
        if (!isObject(b) || !Array.isArray(b.depends_on)) continue;
        b.depends_on = [
          ...new Set(
            (b.depends_on as string[]).flatMap((d) => {
              if (!d.startsWith(MODULE_DEPENDENCY)) return [d];
              const call = d.slice(MODULE_DEPENDENCY.length);
              return all.filter((r) => inside(r.module, call)).map((r) => r.key);
            }),
          ),
        ];
      }
}

/** moved blocks between module addresses (module.a to module.b, module.a[0] to module.a["x"]) as moves of each resource. */
function expandModuleMoves(moves: unknown[], doc: Doc): unknown[] {
  const all = declaredResources(doc);
  return moves.flatMap((m) => {
    if (!isObject(m) || typeof m.from !== 'string' || typeof m.to !== 'string') return [m];
    if (!isModuleAddress(m.from) || !isModuleAddress(m.to)) return [m];
    const [from, to] = [m.from, m.to];
    return all
      .filter(
        (r) => inside(r.module, to) && parseInstanceAddress(`${r.module}.${r.local}`) && splitResourceAddress(`${r.module}.${r.local}`),
      )
      .map((r) => ({ from: `${from}${r.module.slice(to.length)}.${r.local}`, to: `${r.module}.${r.local}` }));
  });
}
