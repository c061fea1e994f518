// The state backend a stack's configuration asks for (terraform.backend in cdk.tf.json).
import * as path from 'node:path';
import { error, type Diagnostic } from '../diagnostics';
import type { Config } from '../config/types';
import type { StateBackend } from '../state/backend';
import { LocalBackend } from '../state/local-backend';
import type { StackDir } from './workdir';

export function backendFor(stack: StackDir, config: Config | undefined): { backend?: StateBackend; diagnostics: Diagnostic[] } {
  const b = config?.backend;
  if (b && b.type !== 'local') return { diagnostics: [error(`Backend ${b.type} is not supported`, 'gridform keeps state with the local backend; remove the backend or use LocalBackend.')] };
  const p = typeof b?.config.path === 'string' ? b.config.path : 'terraform.tfstate';
  return { backend: new LocalBackend(path.resolve(stack.dir, p)), diagnostics: [] };
}
