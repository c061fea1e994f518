// State in Terraform's v4 format, and the in-memory view the engine works with: one object per
// resource address (count/for_each instances come later).
import { randomUUID } from 'node:crypto';
import type { ObjectValue } from '../provider/interface';
import type { AttributePath } from '../values';

export const ENGINE_TERRAFORM_VERSION = '1.11.0';

export interface StateInstance {
  schema_version: number;
  attributes: ObjectValue;
  sensitive_attributes: unknown[];
  private?: string;
  dependencies?: string[];
  /** set when the instance exists but its creation did not finish (Terraform's "tainted") */
  status?: 'tainted';
}

export interface StateResource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider: string;
  instances: StateInstance[];
}

export interface StateOutput {
  value: unknown;
  type: unknown;
  sensitive?: boolean;
}

export interface StateFile {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, StateOutput>;
  resources: StateResource[];
  check_results: null;
}

export function emptyState(): StateFile {
  return { version: 4, terraform_version: ENGINE_TERRAFORM_VERSION, serial: 0, lineage: randomUUID(), outputs: {}, resources: [], check_results: null };
}

export function addressOf(r: Pick<StateResource, 'mode' | 'type' | 'name'>): string {
  return r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
}

/** A working copy of the state, keyed by address, that keeps the file's order. */
export class StateView {
  private readonly byAddress = new Map<string, StateResource>();

  constructor(readonly file: StateFile) {
    for (const r of file.resources) this.byAddress.set(addressOf(r), r);
  }

  get(address: string): StateResource | undefined {
    return this.byAddress.get(address);
  }

  instance(address: string): StateInstance | undefined {
    return this.byAddress.get(address)?.instances[0];
  }

  addresses(): string[] {
    return [...this.byAddress.keys()];
  }

  set(r: StateResource): void {
    const address = addressOf(r);
    const existing = this.byAddress.get(address);
    if (existing) Object.assign(existing, r);
    else {
      this.file.resources.push(r);
      this.byAddress.set(address, r);
    }
  }

  remove(address: string): void {
    const r = this.byAddress.get(address);
    if (!r) return;
    this.byAddress.delete(address);
    this.file.resources.splice(this.file.resources.indexOf(r), 1);
  }
}

/** sensitive_attributes in the v4 shape: a list of paths, each a list of get_attr/index steps. */
export function sensitivePaths(paths: AttributePath[]): unknown[] {
  return paths.map((p) => p.map((step) => (typeof step === 'number' ? { type: 'index', value: { value: step, type: 'number' } } : { type: 'get_attr', value: step })));
}
