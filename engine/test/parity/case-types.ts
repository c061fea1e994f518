// The shape of a parity case and of what one tool answers for it. A case is either one
// expression (evaluated as an output, many to one configuration) or a configuration taken
// through one or more applies (variables, count/for_each and their transitions, lifecycle, ...).

export interface ExprCase {
  kind: 'expr';
  id: string;
  category: string;
  expr: string;
  /** the output is declared sensitive */
  sensitive?: boolean;
}

export interface ConfigStep {
  /** the cdk.tf.json / main.tf.json document */
  doc: Record<string, unknown>;
  /** a .tfvars.json file given with -var-file */
  vars?: Record<string, unknown>;
}

export interface ConfigCase {
  kind: 'config';
  id: string;
  category: string;
  steps: ConfigStep[];
}

export type ParityCase = ExprCase | ConfigCase;

/** A number keeps its JSON text, so 0.3 and 0.30000000000000004 stay different. */
export interface OutputAnswer {
  value: unknown;
  type: unknown;
  sensitive: boolean;
}

/** One apply of one tool: failed or not, the actions it planned, outputs and resource attributes after it. */
export interface StepAnswer {
  error?: string;
  actions: Record<string, string>;
  outputs: Record<string, OutputAnswer>;
  resources: Record<string, unknown>;
}

export type ExprAnswer = { error: string } | OutputAnswer;

export type Answer = { expr: ExprAnswer } | { steps: StepAnswer[] };
