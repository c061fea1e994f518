// Failures on purpose, for tests of what users and tools do when a node misbehaves: workloads
// that end in error (by name or type, with a probability), and a crash after N deployments.
export interface FaultOptions {
  /** workloads that fail provisioning: matched by name and/or type, each time with `probability` (default 1) */
  readonly failWorkloads?: readonly { name?: string; type?: string; probability?: number; message?: string }[];
  /** the process exits (as if killed) after accepting this many deployments */
  readonly crashAfterDeploys?: number;
}

export class Faults {
  private deploys = 0;

  constructor(
    private readonly o: FaultOptions = {},
    private readonly random: () => number = Math.random,
  ) {}

  /** The message of an injected failure for this workload, or undefined. */
  failure(name: string, type: string): string | undefined {
    for (const f of this.o.failWorkloads ?? []) {
      if ((f.name === undefined || f.name === name) && (f.type === undefined || f.type === type) && this.random() < (f.probability ?? 1)) {
        return f.message ?? `injected failure of workload ${name} (${type})`;
      }
    }
    return undefined;
  }

  /** Counts an accepted deployment; true when the node should crash now. */
  accepted(): boolean {
    return this.o.crashAfterDeploys !== undefined && ++this.deploys >= this.o.crashAfterDeploys;
  }
}

/** Parses --fail name=vm,type=zmachine,p=0.5 (repeatable) into fault options. */
export function parseFailSpec(spec: string): { name?: string; type?: string; probability?: number } {
  const out: { name?: string; type?: string; probability?: number } = {};
  for (const part of spec.split(',')) {
    const [k, v] = part.split('=');
    if (k === 'name') out.name = v;
    else if (k === 'type') out.type = v;
    else if (k === 'p') out.probability = Number(v);
    else throw new Error(`--fail ${spec}: use name=NAME, type=TYPE and p=PROBABILITY, comma-separated`);
  }
  return out;
}
