// The versions of the simulated node software, and the workload types each one runs. Upstream
// Zero-OS upgrades itself in place and keeps its workloads running; a version may drop a type (as
// upstream retired qsfs), and what a node holds of a dropped type is reported, not silently lost.
// 0.2.0-lite exists so that case can be exercised: it is 0.2.0 without zlogs.
import { WORKLOAD_TYPES } from './workloads/registry';

const ALL = Object.keys(WORKLOAD_TYPES);

export const VERSIONS: Readonly<Record<string, readonly string[]>> = {
  '0.1.0': ALL,
  '0.2.0': ALL,
  '0.2.0-lite': ALL.filter((t) => t !== 'zlogs'),
};

/** What a new node runs. */
export const FIRST_VERSION = '0.1.0';
/** What `gridform grid upgrade` moves nodes to when no version is named. */
export const LATEST_VERSION = '0.2.0';

/** The workload types `version` runs; undefined for a version that does not exist. */
export function typesOf(version: string): ReadonlySet<string> | undefined {
  const types = Object.hasOwn(VERSIONS, version) ? VERSIONS[version] : undefined;
  return types ? new Set(types) : undefined;
}

export function unknownVersion(version: string): string {
  return `zos-sim has no version ${JSON.stringify(version)}: the versions are ${Object.keys(VERSIONS).join(', ')}`;
}
