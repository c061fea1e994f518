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

const RESOURCE = /^(data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*/;

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
export function splitResourceAddress(resource: string): { mode: 'managed' | 'data'; type: string; name: string } {
  const parts = resource.split('.');
  return parts[0] === 'data' ? { mode: 'data', type: parts[1], name: parts[2] } : { mode: 'managed', type: parts[0], name: parts[1] };
}
