// Everything a plan/apply/destroy run needs, opened once: the configuration and its graph, input
// variables, the state backend (locked, and recovered when a crashed run left a journal), and
// the configured providers.
import { error, hasErrors, warning, type Diagnostic } from '../diagnostics';
import type { Config } from '../config/types';
import { resolveVariables, savedVariables, type VariableInputs } from '../config/variables';
import type { Graph } from '../graph/graph';
import type { ProviderSet } from '../plan/providers';
import type { ProviderFactory } from '../provider/interface';
import type { InterruptedCreate, StateBackend } from '../state/backend';
import { emptyState, StateView, type StateFile } from '../state/state';
import type { Value } from '../values';
import { backendFor } from './backend-select';
import { configureProviders } from './providers-setup';
import { configFromDocument, loadStackConfig } from './stack-config';
import { acquireLock } from './state-lock';
import { CreateRecoveryError, recoverInterruptedCreates } from './recover-creates';
import { currentWorkspace } from './workspace';
import type { StackDir } from './workdir';

export interface Session {
  readonly stack: StackDir;
  /** the configuration document (cdk.tf.json) the run uses */
  readonly doc: unknown;
  readonly config: Config;
  readonly graph: Graph;
  readonly backend: StateBackend;
  /** the state as stored (after recovery), before any refresh */
  readonly state: StateView;
  /** true when there was no state yet */
  readonly stateIsNew: boolean;
  readonly variables: ReadonlyMap<string, Value>;
  readonly providers: ProviderSet;
  readonly paths: { module: string; root: string; cwd: string };
  readonly workspace: string;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly factories: readonly ProviderFactory[];
  readonly lock: boolean;
  readonly lockTimeoutMs: number;
  readonly operation: string;
  readonly version: string;
  readonly inputs: VariableInputs;
  /** a saved plan's configuration and variables, used instead of the stack's */
  readonly saved?: { readonly doc: unknown; readonly variables: ReadonlyMap<string, Value> };
}

export async function openSession(stack: StackDir, o: SessionOptions): Promise<{ session?: Session; diagnostics: Diagnostic[] }> {
  const inputs: VariableInputs = stack.hcl ? { ...o.inputs, autoFiles: stack.hcl.autoFiles } : o.inputs;
  const loaded = o.saved ? configFromDocument(o.saved.doc, stack.file) : loadStackConfig(stack, inputs);
  const { config, graph } = loaded;
  const diagnostics = [...loaded.diagnostics];
  if (!config || !graph || hasErrors(diagnostics)) return { diagnostics };
  const vars = o.saved ? { values: savedVariables(config, o.saved.variables), diagnostics: [] } : resolveVariables(config, inputs);
  diagnostics.push(...vars.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  const workspace = currentWorkspace(stack.dir, o.inputs.env);
  const { backend, diagnostics: bd } = backendFor(stack, config, workspace, o.inputs.env);
  diagnostics.push(...bd);
  if (!backend) return { diagnostics };
  let lockId: string | undefined;
  if (o.lock) {
    let l;
    try {
      l = await acquireLock(backend, o.operation, o.version, o.lockTimeoutMs);
    } catch (err) {
      await backend.close?.();
      return {
        diagnostics: [
          ...diagnostics,
          { severity: 'error', summary: `Cannot reach the state backend ${backend.location}`, detail: (err as Error).message },
        ],
      };
    }
    if (!l.id) {
      await backend.close?.();
      return { diagnostics: [...diagnostics, ...l.diagnostics] };
    }
    lockId = l.id;
  }
  const release = async () => {
    if (lockId) await backend.unlock(lockId);
    await backend.close?.();
  };
  // providers are configured on the state as read; with interrupted creates to recover, before it is saved
  let configured: Awaited<ReturnType<typeof configureProviders>> | undefined;
  const configure = async (file: StateFile) => {
    configured ??= await configureProviders(config, new StateView(file), o.factories, vars.values);
    return configured;
  };
  const closeProviders = () => Promise.all([...(configured?.providers.values() ?? [])].map((p) => p.provider.close?.()));
  let read;
  try {
    read = await backend.read({
      recover: o.lock,
      recoverCreates: async (file, creates) => {
        const { providers, diagnostics: pd } = await configure(file);
        // without its provider an interrupted create cannot be asked about: keep the journal for next time
        if (hasErrors(pd)) throw unconfiguredForRecovery(creates);
        return recoverInterruptedCreates(file, creates, providers);
      },
    });
  } catch (err) {
    await closeProviders();
    await release();
    const summary =
      err instanceof CreateRecoveryError ? 'Cannot recover what an interrupted apply created' : `Cannot read the state ${backend.location}`;
    return { diagnostics: [...diagnostics, ...(configured?.diagnostics ?? []), error(summary, (err as Error).message)] };
  }
  for (const line of read.interrupted)
    diagnostics.push(
      warning('A previous run was interrupted', `${line} Check it, and bring it into the state with "gridform import" if it exists.`),
    );
  for (const line of read.warnings ?? []) diagnostics.push(warning('State file permissions', line));
  // what providers found of the interrupted creates, in one warning (a killed apply may leave many)
  if (read.recovered?.length) diagnostics.push(warning('A previous run was interrupted', read.recovered.join('\n')));
  const state = new StateView(read.state ?? emptyState());
  const { providers, diagnostics: pd } = await configure(state.file);
  diagnostics.push(...pd);
  if (hasErrors(pd)) {
    await closeProviders();
    await release();
    return { diagnostics };
  }
  return {
    session: {
      stack,
      doc: loaded.doc,
      config,
      graph,
      backend,
      state,
      stateIsNew: !read.state,
      variables: vars.values,
      providers,
      paths: { module: stack.dir, root: stack.dir, cwd: stack.dir },
      workspace,
      async close() {
        await closeProviders();
        await release();
      },
    },
    diagnostics,
  };
}

function unconfiguredForRecovery(creates: InterruptedCreate[]): CreateRecoveryError {
  const what = `${creates.map((c) => c.address).join(', ')} ${creates.length > 1 ? 'were' : 'was'}`;
  return new CreateRecoveryError(
    `${what} being created when a previous run stopped, and the providers could not be configured (see above) to find what that made. ` +
      'The journal is kept: run the command again once they can.',
  );
}
