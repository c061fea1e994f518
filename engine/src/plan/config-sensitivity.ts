// The top-level attributes of a resource that its configuration sets from a sensitive value
// (a sensitive variable, sensitive(), a sensitive attribute of another resource). Terraform keeps
// those marks on the planned object and records them in state as sensitive_attributes, so a
// change of sensitivity alone (input = "x" to input = sensitive("x")) is an update.
import type { Config, ResourceConfig } from '../config/types';
import { anySensitive } from '../expr/sensitivity';
import type { BlockSchema } from '../provider/interface';
import type { AttributePath } from '../values';
import type { ProviderSet } from './providers';
import { sensitivityScope, type SchemaOf } from './sensitive-references';

export type ConfigSensitivity = (rc: ResourceConfig) => readonly string[];

const NONE: readonly string[] = [];

/**
 * The function giving each resource's configuration-sensitive attributes. A configuration with no
 * source of sensitivity at all (the common case) answers at once, so large plans pay nothing.
 */
export function configSensitivity(config: Config, providers: ProviderSet): ConfigSensitivity {
  const schemaOf: SchemaOf = (rc) => {
    const p = providers.get(rc.provider);
    return p && (rc.mode === 'data' ? p.schema.dataSources : p.schema.resources)[rc.type]?.block;
  };
  if (!mayBeSensitive(config, providers)) return () => NONE;
  const memo = new Map<string, readonly string[]>();
  return (rc) => {
    let names = memo.get(rc.address);
    if (!names) {
      const scope = sensitivityScope(config, schemaOf, rc);
      names = Object.keys(rc.body).filter((k) => anySensitive(rc.body[k], scope));
      memo.set(rc.address, names);
    }
    return names;
  };
}

function mayBeSensitive(config: Config, providers: ProviderSet): boolean {
  if ([...config.variables.values()].some((v) => v.sensitive)) return true;
  for (const p of providers.values()) {
    const schemas = [...Object.values(p.schema.resources), ...Object.values(p.schema.dataSources)];
    if (schemas.some((s) => blockHasSensitive(s.block))) return true;
  }
  for (const body of config.locals.values()) if (mentionsSensitive(body)) return true;
  for (const rc of config.resources.values()) if (mentionsSensitive(rc.body)) return true;
  return false;
}

/** Whether a JSON body has a string calling sensitive() (or nonsensitive(): either may mark). */
function mentionsSensitive(body: unknown): boolean {
  if (typeof body === 'string') return body.includes('sensitive(');
  if (Array.isArray(body)) return body.some(mentionsSensitive);
  if (body === null || typeof body !== 'object') return false;
  for (const k in body) if (mentionsSensitive((body as Record<string, unknown>)[k])) return true;
  return false;
}

function blockHasSensitive(block: BlockSchema): boolean {
  if (Object.values(block.attributes).some((a) => a.sensitive)) return true;
  return Object.values(block.blocks ?? {}).some((n) => blockHasSensitive(n.block));
}

/** The top-level attribute names of sensitive paths (state's sensitive_attributes, or schema paths). */
export function topLevelNames(paths: readonly (AttributePath | unknown)[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    if (!Array.isArray(p) || !p.length) continue;
    const first = p[0] as unknown;
    if (typeof first === 'string') out.add(first);
    else if (first && typeof first === 'object' && (first as { type?: string }).type === 'get_attr')
      out.add(String((first as { value: unknown }).value));
  }
  return out;
}
