// Resource and instance addresses as Terraform writes them: grid_deployment.vm,
// data.grid_gateway_domain.d, terraform_data.x[0], terraform_data.y["eu"].
export type InstanceKey = number | string | undefined;

export interface InstanceAddress {
  /** the resource address without the instance key */
  readonly resource: string;
  readonly key: InstanceKey;
}

export function instanceAddress(resource: string, key: InstanceKey): string {
  if (key === undefined) return resource;
  return typeof key === 'number' ? `${resource}[${key}]` : `${resource}[${JSON.stringify(key)}]`;
}

/** `module.a.`, `module.b[0].`, `module.c["eu"].`, any number of them. */
const MODULE_STEP = String.raw`module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?`;
const MODULE_PREFIX = new RegExp(String.raw`^(?:${MODULE_STEP}\.)*`);
const RESOURCE = new RegExp(String.raw`^(?:${MODULE_STEP}\.)*(data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*`);
/** a module instance address alone: module.a, module.a["x"].module.b[0] */
const MODULE_ONLY = new RegExp(String.raw`^${MODULE_STEP}(?:\.${MODULE_STEP})*$`);

/** Whether text is the address of a module call or module instance (module.a, module.a[0].module.b). */
export function isModuleAddress(text: string): boolean {
  return MODULE_ONLY.test(text.trim());
}

/** The module instance part of a resource address ('' at the root). */
export function moduleOf(resource: string): string {
  return (MODULE_PREFIX.exec(resource)?.[0] ?? '').replace(/\.$/, '');
}

/** Parses an address given by a user (-target, state rm, import); undefined when malformed. */
export function parseInstanceAddress(text: string): InstanceAddress | undefined {
  const m = RESOURCE.exec(text.trim());
  if (!m) return undefined;
  const rest = text.trim().slice(m[0].length);
  if (!rest) return { resource: m[0], key: undefined };
  const idx = /^\[(\d+)\]$/.exec(rest);
  if (idx) return { resource: m[0], key: Number(idx[1]) };
  const str = /^\[("(?:[^"\\]|\\.)*")\]$/.exec(rest);
  if (str) return { resource: m[0], key: JSON.parse(str[1]) as string };
  return undefined;
}

/** mode, type and name of a resource address. */
export function splitResourceAddress(resource: string): { mode: 'managed' | 'data'; type: string; name: string; module: string } {
  const module = moduleOf(resource);
  const parts = (module ? resource.slice(module.length + 1) : resource).split('.');
  if (parts[0] === 'data') return { mode: 'data', type: parts[1], name: parts[2], module };
  return { mode: 'managed', type: parts[0], name: parts[1], module };
}
