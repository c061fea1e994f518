// The configuration of a stack: cdk.tf.json (or the copy a saved plan carries) into a Config and
// its dependency graph.
import * as fs from 'node:fs';
import { error, hasErrors, type Diagnostic } from '../diagnostics';
import { loadConfig } from '../config/load';
import { parseJson } from '../json-syntax';
import type { Config } from '../config/types';
import { buildGraph, type Graph } from '../graph/graph';
import type { StackDir } from './workdir';
import { hclDocument, placed } from '../config/hcl';
import type { VariableInputs } from '../config/variables';

export interface LoadedConfig {
  readonly doc?: unknown;
  readonly config?: Config;
  readonly graph?: Graph;
  readonly diagnostics: Diagnostic[];
}

/** The stack's configuration; an HCL folder's is flattened for the variable inputs of the run (without them, for its shape). */
export function loadStackConfig(stack: StackDir, inputs?: VariableInputs): LoadedConfig {
  if (stack.hcl) {
    const flat = hclDocument(stack.hcl, inputs);
    if (!flat.doc) return { diagnostics: flat.diagnostics };
    const loaded = configFromDocument(flat.doc, stack.file);
    return { ...loaded, diagnostics: placed([...flat.diagnostics, ...loaded.diagnostics], stack.hcl) };
  }
  let text: string;
  try {
    text = fs.readFileSync(stack.file, 'utf8');
  } catch (err) {
    return { diagnostics: [error(`Cannot read ${stack.file}`, (err as Error).message)] };
  }
  const parsed = parseJson(text);
  if ('problem' in parsed) {
    const detail = `It is not JSON: ${parsed.problem}. Run cdktf synth again to regenerate it.`;
    return { diagnostics: [error(`Cannot read ${stack.file}`, detail)] };
  }
  return configFromDocument(parsed.value, stack.file);
}

export function configFromDocument(doc: unknown, file: string): LoadedConfig {
  const { config, diagnostics } = loadConfig(doc, file);
  if (!config || hasErrors(diagnostics)) return { doc, diagnostics };
  const g = buildGraph(config);
  return { doc, config, graph: g.graph, diagnostics: [...diagnostics, ...g.diagnostics] };
}
