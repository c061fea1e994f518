// The sensitivity of what expressions refer to, from the configuration: variables declared
// sensitive, resource attributes the schema marks sensitive or that the resource's configuration
// sets from a sensitive value (terraform keeps those marks on the planned object), and the rules
// that follow from them: an output with sensitive parts must say sensitive = true, and for_each
// cannot be sensitive (its keys would show it).
import { error, type Diagnostic } from '../diagnostics';
import type { Config, OutputConfig, ResourceConfig } from '../config/types';
import type { BlockSchema } from '../provider/interface';
import { anySensitive, wholeSensitive, type SensitivityScope } from '../expr/sensitivity';
import type { Step } from '../expr/parse';

/** The schema of a resource's type, when its provider is known. */
export type SchemaOf = (rc: ResourceConfig) => BlockSchema | undefined;

function blockHasSensitive(block: BlockSchema): boolean {
  if (Object.values(block.attributes).some((a) => a.sensitive)) return true;
  return Object.values(block.blocks ?? {}).some((n) => blockHasSensitive(n.block));
}

/** Whether the schema marks what `steps` reach sensitive: a sensitive attribute, or a block holding one. */
function schemaPathSensitive(block: BlockSchema, steps: readonly Step[]): boolean {
  let current = block;
  for (const step of steps) {
    if (step.kind !== 'attr') continue; // instance keys, element indexes and splats select within the same schema
    const attribute = current.attributes[step.name];
    if (attribute) return !!attribute.sensitive;
    const nested = current.blocks?.[step.name];
    if (!nested) return false;
    current = nested.block;
  }
  return blockHasSensitive(current);
}

/** The part of a resource's configuration `steps` reach (or the expression met on the way, which stands for all below it). */
function configAt(body: unknown, steps: readonly Step[]): unknown {
  // the steps before the first attribute pick the instance (count, for_each): the configuration is the same for all
  const first = steps.findIndex((s) => s.kind === 'attr');
  if (first < 0) return body;
  let current: unknown = body;
  for (const step of steps.slice(first)) {
    if (current === null || typeof current !== 'object') return current;
    const record = current as Record<string | number, unknown>;
    if (step.kind === 'attr') {
      current = Array.isArray(current)
        ? current.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[step.name] : undefined))
        : record[step.name];
    } else if (step.kind === 'index') current = record[step.value];
  }
  return current;
}

/** The scope to ask about expressions of `config` (inside `rc`, for each.value). */
export function sensitivityScope(config: Config, schemaOf: SchemaOf, rc?: ResourceConfig, visiting = new Set<string>()): SensitivityScope {
  const scope: SensitivityScope = {
    variable: (name) => config.variables.get(name)?.sensitive === true,
    local: (name) => config.locals.get(name),
    resource: (address, steps) => {
      const target = config.resources.get(address);
      // a resource reached again through its own references (a cycle the graph refuses) adds nothing
      if (!target || visiting.has(address)) return false;
      visiting.add(address);
      try {
        const inner = sensitivityScope(config, schemaOf, target, visiting);
        const block = schemaOf(target);
        return (!!block && schemaPathSensitive(block, steps)) || anySensitive(configAt(target.body, steps), inner);
      } finally {
        visiting.delete(address);
      }
    },
    ...(rc?.forEach !== undefined ? { forEach: rc.forEach } : {}),
  };
  return scope;
}

/** An output whose value has sensitive parts must be declared sensitive, as terraform requires. */
export function outputSensitivity(o: OutputConfig, scope: SensitivityScope): Diagnostic[] {
  if (o.sensitive || !anySensitive(o.value, scope)) return [];
  const detail =
    `Output "${o.name}" refers to sensitive values. To reduce the risk of accidentally exporting sensitive data that was intended ` +
    'to be only internal, gridform (as terraform) requires that any output containing sensitive data be explicitly marked as ' +
    'sensitive, to confirm your intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by adding ' +
    'the argument sensitive = true (in CDKTF: sensitive: true on the TerraformOutput).';
  return [error('Output refers to sensitive values', detail, { address: `output.${o.name}` })];
}

/** for_each may not be sensitive as a whole: its keys would show the value. */
export function forEachSensitivity(rc: ResourceConfig, scope: SensitivityScope): Diagnostic[] {
  if (rc.forEach === undefined || !wholeSensitive(rc.forEach, scope)) return [];
  const detail =
    `The for_each of ${rc.address} is sensitive. Sensitive values, or values derived from sensitive values, cannot be used as ` +
    'for_each arguments. If used, the sensitive value could be exposed as a resource instance key.';
  return [error('Invalid for_each argument', detail, { address: rc.address, attributePath: ['for_each'] })];
}
