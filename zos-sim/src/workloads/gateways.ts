// Gateways, on nodes with a public config (a domain and a public IPv4): gateway-name-proxy serves
// NAME.DOMAIN and needs a live name contract for NAME owned by the deploying twin;
// gateway-fqdn-proxy serves a domain the user points at the node. Both proxy to backends
// (http://IP[:PORT]; IP:PORT when passing TLS through), as zos's Backend.Valid rules them. No charge.
// Updated by recreation.
import { backendLoopsToNode, backendProblem } from '../../../proto';
import { ZERO } from '../capacity';
import { ProvisionError, type ProvisionContext, type WorkloadType } from './types';

const NAME = /^[a-z0-9_-]{3,64}$/;
const FQDN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function validateProxy(d: Record<string, unknown>): string | null {
  const backends = d.backends;
  if (!Array.isArray(backends) || !backends.length) return 'backends must list at least one backend (http://IP:PORT)';
  if (d.tls_passthrough !== undefined && typeof d.tls_passthrough !== 'boolean') return 'tls_passthrough must be true or false';
  for (const [i, b] of backends.entries()) {
    if (typeof b !== 'string') return `backends[${i}] must be a string`;
    const problem = backendProblem(b, d.tls_passthrough === true);
    if (problem) return `backends[${i}] ${problem}`;
  }
  return null;
}

/** The node's domain; refuses a node without one, and backends that point at the node itself. */
function requireGateway(d: Record<string, unknown>, ctx: ProvisionContext): string {
  if (!ctx.publicConfig.domain || !ctx.publicConfig.ipv4)
    throw new ProvisionError(`node ${ctx.nodeId} is not a gateway (it has no public config with a domain): pick a gateway node`);
  const ownIps = [ctx.publicConfig.ipv4, ctx.publicConfig.ipv6].filter(Boolean);
  for (const [i, b] of (d.backends as string[]).entries()) {
    const loop = backendLoopsToNode(b, ownIps);
    if (loop) throw new ProvisionError(`backends[${i}] ${loop}`);
  }
  return ctx.publicConfig.domain;
}

export const gatewayNameProxy: WorkloadType = {
  updatesInPlace: false,
  validate(d) {
    if (typeof d.name !== 'string' || !NAME.test(d.name))
      return `name ${JSON.stringify(d.name)} must be 3-64 characters of a-z, 0-9, '-' and '_'`;
    return validateProxy(d);
  },
  capacity: () => ZERO,
  async provision(d, ctx) {
    const domain = requireGateway(d, ctx);
    requireNetwork(d, ctx);
    const name = d.name as string;
    const contract = await ctx.nameContract(name);
    if (!contract || contract.state === 'Deleted')
      throw new ProvisionError(`there is no live name contract for ${JSON.stringify(name)} on chain: create one first`);
    if (contract.twinId !== ctx.twinId)
      throw new ProvisionError(
        `the name contract for ${JSON.stringify(name)} belongs to twin ${contract.twinId}, not to twin ${ctx.twinId}`,
      );
    return { fqdn: `${name}.${domain}` };
  },
};

/** A gateway that joins a network (for private backends) needs that network of the twin on this node. */
function requireNetwork(d: Record<string, unknown>, ctx: ProvisionContext): void {
  if (!d.network) return;
  if (!ctx.network(String(d.network)))
    throw new ProvisionError(
      `network ${String(d.network)} of twin ${ctx.twinId} is not on node ${ctx.nodeId}: add this node to the network first`,
    );
}

export const gatewayFqdnProxy: WorkloadType = {
  updatesInPlace: false,
  validate(d) {
    if (typeof d.fqdn !== 'string' || !FQDN.test(d.fqdn))
      return `fqdn ${JSON.stringify(d.fqdn)} must be a domain name like app.example.com`;
    return validateProxy(d);
  },
  capacity: () => ZERO,
  async provision(d, ctx) {
    const domain = requireGateway(d, ctx);
    requireNetwork(d, ctx);
    const fqdn = d.fqdn as string;
    if (fqdn === domain || fqdn.endsWith(`.${domain}`))
      throw new ProvisionError(`${fqdn} is under the gateway's own domain ${domain}: use a gateway-name-proxy with a name contract for it`);
    return { fqdn };
  },
};
