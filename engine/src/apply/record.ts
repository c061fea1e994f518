// The state instance recorded for an object the provider returned: its attributes, the paths the
// schema marks sensitive (and those the configuration set from sensitive values), the provider's
// private data, its dependencies, tainted when a creation failed.
import type { ObjectValue, ResourceSchema } from '../provider/interface';
import { sensitivePaths, type StateInstance } from '../state/state';
import { sensitiveAttributePaths } from './sensitive';

export function recordedInstance(
  schema: ResourceSchema | undefined,
  attributes: ObjectValue,
  priv: string | undefined,
  dependencies: string[],
  tainted = false,
  configSensitive: readonly string[] = [],
): StateInstance {
  const paths = schema ? sensitiveAttributePaths(schema.block, attributes) : [];
  // attributes the configuration set from sensitive values (terraform's marks), beside the schema's
  for (const name of configSensitive) if (!paths.some((p) => p.length === 1 && p[0] === name)) paths.push([name]);
  return {
    schema_version: schema?.version ?? 0,
    attributes,
    sensitive_attributes: sensitivePaths(paths),
    ...(priv ? { private: priv } : {}),
    dependencies,
    ...(tainted ? { status: 'tainted' as const } : {}),
  };
}
