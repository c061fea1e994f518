// The diagnostic of a failed grid operation: its message, pointed at the attribute naming the
// node when the node is what was wrong (terraform then shows that line of the configuration).
import { error, type Diagnostic } from '../../../engine';
import { NodeNotOnChain } from './grid-error';
import { nodeAttributePath } from './node-attribute';

/** `config`: the resource's values, where the attribute naming a bad node is looked up */
export function failureDiagnostic(err: Error, config?: unknown): Diagnostic {
  const attributePath = err instanceof NodeNotOnChain ? nodeAttributePath(config, err.nodeId) : undefined;
  return error('Grid operation failed', err.message, attributePath ? { attributePath } : {});
}
