// The state backend a stack's configuration asks for (terraform.backend in cdk.tf.json), for one
// workspace: `local` (path, workspace_dir) or `pg` (conn_str, schema_name and the skip_* flags,
// with PG_CONN_STR and PG_SCHEMA_NAME from the environment as Terraform reads them).
import * as path from 'node:path';
import { error, type Diagnostic } from '../diagnostics';
import type { Config } from '../config/types';
import type { StateBackend } from '../state/backend';
import { LocalBackend } from '../state/local-backend';
import { PgBackend } from '../state/pg-backend';
import type { StackDir } from './workdir';

export function backendFor(
  stack: StackDir,
  config: Config | undefined,
  workspace: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { backend?: StateBackend; diagnostics: Diagnostic[] } {
  const b = config?.backend ?? { type: 'local', config: {} };
  const str = (k: string) => (typeof b.config[k] === 'string' ? (b.config[k] as string) : undefined);
  if (b.type === 'local') {
    const file = str('path') ?? 'terraform.tfstate';
    const root = path.resolve(stack.dir, str('workspace_dir') ?? 'terraform.tfstate.d');
    const statePath = workspace === 'default' ? path.resolve(stack.dir, file) : path.join(root, workspace, path.basename(file));
    return { backend: new LocalBackend(statePath, { root, file: path.basename(file) }), diagnostics: [] };
  }
  if (b.type === 'pg') {
    const connStr = str('conn_str') || env.PG_CONN_STR; // an empty conn_str is a partial configuration
    if (!connStr)
      return {
        diagnostics: [
          error(
            'The pg backend needs conn_str',
            'Set conn_str in the backend (in CDKTF: new PgBackend(this, { connStr })) or the environment variable PG_CONN_STR.',
          ),
        ],
      };
    return {
      backend: new PgBackend({
        connStr,
        schemaName: str('schema_name') || env.PG_SCHEMA_NAME || 'terraform_remote_state',
        workspace,
        skipSchemaCreation: b.config.skip_schema_creation === true,
        skipTableCreation: b.config.skip_table_creation === true,
        skipIndexCreation: b.config.skip_index_creation === true,
      }),
      diagnostics: [],
    };
  }
  return {
    diagnostics: [
      error(
        `Backend ${b.type} is not supported`,
        'gridform keeps state with the local backend (LocalBackend) or in PostgreSQL (PgBackend).',
      ),
    ],
  };
}
