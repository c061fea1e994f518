// The state instance recorded for an object the provider returned: its attributes, the paths the
// schema marks sensitive, the provider's private data, its dependencies, tainted when a creation failed.
import type { ObjectValue, ResourceSchema } from '../provider/interface';
import { sensitivePaths, type StateInstance } from '../state/state';
import { sensitiveAttributePaths } from './sensitive';

export function recordedInstance(
  schema: ResourceSchema | undefined,
  attributes: ObjectValue,
  priv: string | undefined,
  dependencies: string[],
  tainted = false,
): StateInstance {
  return {
    schema_version: schema?.version ?? 0,
    attributes,
    sensitive_attributes: schema ? sensitivePaths(sensitiveAttributePaths(schema.block, attributes)) : [],
    ...(priv ? { private: priv } : {}),
    dependencies,
    ...(tainted ? { status: 'tainted' as const } : {}),
  };
}
