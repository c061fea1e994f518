// Names of what lives in a module instance once modules are flattened into one configuration
// (config/hcl/flatten.ts): a resource `terraform_data.x` of `module.net["eu"]` is declared as
// `terraform_data.__gfm_<hex of the module path>__x`, which every expression and JSON key can hold;
// the loader turns it back into the address `module.net["eu"].terraform_data.x`, so plans, state and
// -target see terraform's addresses. Locals, input variables, outputs and module calls of a module
// instance become root locals named the same way, with a letter saying which they were.
const MANGLED = /^__gfm_([0-9a-f]+)__(.+)$/;
const IN_TEXT = /(local\.)?(?:([A-Za-z_][\w-]*)\.)?__gfm_([0-9a-f]+)__(?:([vloc])__)?([A-Za-z_][\w-]*)/g;

export type ModuleLocalKind = 'var' | 'local' | 'output' | 'call';
const KIND_LETTER: Record<ModuleLocalKind, string> = { var: 'v', local: 'l', output: 'o', call: 'c' };

function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

function unhex(text: string): string {
  return Buffer.from(text, 'hex').toString('utf8');
}

/** The name a resource of the module instance `modulePath` (`module.a[0].module.b`) is declared under; the name itself at the root. */
export function mangledResourceName(modulePath: string, name: string): string {
  return modulePath ? `__gfm_${hex(modulePath)}__${name}` : name;
}

/** The root local standing for a variable, local, output or module call of the module instance `modulePath`. */
export function mangledLocalName(modulePath: string, kind: ModuleLocalKind, name: string): string {
  if (!modulePath && kind === 'local') return name;
  return `__gfm_${hex(modulePath)}__${KIND_LETTER[kind]}__${name}`;
}

/** The module path and the resource name a declared name stands for ('' and the name itself when it is not a module's). */
export function unmangleResourceName(name: string): { module: string; name: string } {
  const m = MANGLED.exec(name);
  if (!m) return { module: '', name };
  return { module: unhex(m[1]), name: m[2] };
}

/** The address of a resource or data source declared as `type.name` (name possibly mangled). */
export function declaredAddress(mode: 'managed' | 'data', type: string, name: string): string {
  const u = unmangleResourceName(name);
  const local = mode === 'data' ? `data.${type}.${u.name}` : `${type}.${u.name}`;
  return u.module ? `${u.module}.${local}` : local;
}

/** Text (a diagnostic, an expression) with every mangled name written as the user wrote it, with its module path. */
export function readableNames(text: string): string {
  if (!text.includes('__gfm_')) return text;
  return text.replace(
    IN_TEXT,
    (_all, _local: string | undefined, type: string | undefined, h: string, kind: string | undefined, name: string) => {
      const module = unhex(h);
      const prefix = module ? `${module}.` : '';
      if (!kind) return `${prefix}${type ? `${type}.` : ''}${name}`;
      const what = { v: 'var.', l: 'local.', o: 'output.', c: 'module.' }[kind];
      return `${prefix}${what}${name}`;
    },
  );
}

/** A depends_on or replace_triggered_by entry naming a module's resource by its mangled name, as its address (with what follows). */
export function declaredDependency(d: string): string {
  const m = /^(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(.*)$/s.exec(d);
  if (!m || !m[3].startsWith('__gfm_')) return d;
  return declaredAddress(m[1] ? 'data' : 'managed', m[2], m[3]) + m[4];
}
