// What the provider sends for attributes left unset, as terraform-provider-grid's defaults say
// (the default column of the audit in provider/README.md): the contract metadata's names, a name
// proxy's description, the k3s flist, and the provider settings read from the environment.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ObjectValue } from '../../engine';
import type { GridContext } from '../src/grid/context';
import * as nodeDeployment from '../src/grid/node-deployment';
import { resolveSettings } from '../src/grid/settings';
import { deploymentMetadata, deploymentResource } from '../src/resources/deployment';
import { gatewayProjectName, nameProxyResource, nameProxyWorkload } from '../src/resources/gateways';
import { kubernetesProjectName, kubernetesResource } from '../src/resources/kubernetes';
import { networkProjectName } from '../src/resources/network';

type CreateRequest = Parameters<typeof nodeDeployment.createNodeDeployment>[1];

/** The requests create makes of createNodeDeployment (the contract and the node's deployment), stopping at the first. */
function captureCreates(): CreateRequest[] {
  const sent: CreateRequest[] = [];
  jest.spyOn(nodeDeployment, 'createNodeDeployment').mockImplementation((_ctx, req) => {
    sent.push(req);
    return Promise.reject(new Error('stopped after capturing the request'));
  });
  return sent;
}

/** A context whose only node holds network "net" (all create asks of it before the contract). */
const withNetwork = {
  twinId: 7,
  node: () =>
    Promise.resolve({
      list: () =>
        Promise.resolve([
          { workloads: [{ type: 'network', name: 'net', data: JSON.stringify({ subnet: '10.1.2.0/24' }), result: { state: 'ok' } }] },
        ]),
    }),
} as unknown as GridContext;

afterEach(() => jest.restoreAllMocks());

describe("upstream's defaults in what gridform sends", () => {
  it('a deployment without name or solution_type is named "vm" in project "vm/vm" on the chain and the node', async () => {
    const sent = captureCreates();
    const planned = { node: 1, disks: [{ name: 'data', size: 1 }] };
    await expect(deploymentResource.create(withNetwork, planned, undefined)).rejects.toThrow('stopped after capturing');
    expect(sent.map((r) => r.metadata)).toEqual([{ type: 'vm', name: 'vm', projectName: 'vm/vm' }]);
  });

  it("a deployment's solution_type names its project; empty, as upstream, it is vm/NAME", () => {
    expect(deploymentMetadata({ name: 'web' })).toEqual({ type: 'vm', name: 'web', projectName: 'vm/web' });
    expect(deploymentMetadata({ name: 'web', solution_type: '' }).projectName).toBe('vm/web');
    expect(deploymentMetadata({ solution_type: 'shop' })).toEqual({ type: 'vm', name: 'vm', projectName: 'shop' });
  });

  it("a cluster without solution_type is project kubernetes/MASTER, and its master boots upstream's k3s flist", async () => {
    const sent = captureCreates();
    const planned = {
      network_name: 'net',
      token: 'secret123',
      master: { name: 'mr', node: 1, cpu: 1, memory: 1024, disk_size: 5 },
    };
    await expect(kubernetesResource.create(withNetwork, planned, undefined)).rejects.toThrow('stopped after capturing');
    expect(sent.map((r) => r.metadata)).toEqual([{ type: 'kubernetes', name: 'mr', projectName: 'kubernetes/mr' }]);
    const machine = sent[0].workloads.find((w) => w.type === 'zmachine')!;
    expect((JSON.parse(String(machine.data)) as { flist: string }).flist).toBe(
      'https://hub.grid.tf/tf-official-apps/threefolddev-k3s-v1.31.0.flist',
    );
    expect(kubernetesProjectName({ ...planned, solution_type: '' })).toBe('kubernetes/mr');
    expect(kubernetesProjectName({ ...planned, solution_type: 'k' })).toBe('k');
  });

  it('a network without solution_type is project "Network"', () => {
    expect(networkProjectName({ name: 'net' })).toBe('Network');
    expect(networkProjectName({ name: 'net', solution_type: 'mine' })).toBe('mine');
  });

  it("a gateway's project is its name when solution_type is unset or empty", () => {
    expect(gatewayProjectName({}, 'app')).toBe('app');
    expect(gatewayProjectName({ solution_type: '' }, 'app')).toBe('app');
    expect(gatewayProjectName({ solution_type: 'shop' }, 'app')).toBe('shop');
  });

  it("a name proxy's workload carries upstream's description when unset, and an import leaves that one unset", async () => {
    const planned = { name: 'app', node: 1, backends: ['http://10.1.2.2:8080'] };
    expect(nameProxyWorkload(planned).description).toBe('Description of the gateway name workload.');
    expect(nameProxyWorkload({ ...planned, description: 'mine' }).description).toBe('mine');
    const imported = async (description: string) => {
      const workload = { ...nameProxyWorkload(planned), description, result: { state: 'ok', data: '{}' } };
      const ctx = {
        twinId: 7,
        chain: {
          contract: () => Promise.resolve({ id: 12, type: 'node', state: 'Created', twinId: 7, nodeId: 1 }),
          contractIdByName: () => Promise.resolve(11),
        },
        node: () => Promise.resolve({ get: () => Promise.resolve({ contractId: 12, workloads: [workload] }) }),
      } as unknown as GridContext;
      return ((await nameProxyResource.import!(ctx, '12')) as ObjectValue).description;
    };
    expect(await imported('Description of the gateway name workload.')).toBeNull();
    expect(await imported('mine')).toBe('mine');
  });
});

describe("the provider's settings from the environment, as upstream reads them", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-upstream-defaults-'));
  const env = { GRIDFORM_HOME: home, MNEMONIC: 'some words' };
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('RMB_TIMEOUT bounds node calls when rmb_timeout is unset; the attribute wins; a bad one is refused naming both', () => {
    expect(resolveSettings({}, { ...env, RMB_TIMEOUT: '12' }).settings?.nodeCallTimeoutMs).toBe(12_000);
    expect(resolveSettings({ rmb_timeout: 5 }, { ...env, RMB_TIMEOUT: '12' }).settings?.nodeCallTimeoutMs).toBe(5000);
    expect(resolveSettings({}, { ...env, RMB_TIMEOUT: 'soon' }).problem).toEqual({
      attribute: 'rmb_timeout',
      message: 'RMB_TIMEOUT in the environment is "soon"; it must be a whole number of seconds from 1 to 3600',
    });
  });

  it("SUBSTRATE_URL is the chain's address when substrate_url and chain_url are unset", () => {
    expect(resolveSettings({}, { ...env, SUBSTRATE_URL: 'ws://127.0.0.1:9955' }).settings?.chainAddress).toBe('127.0.0.1:9955');
    expect(resolveSettings({ chain_url: 'b:2' }, { ...env, SUBSTRATE_URL: 'ws://127.0.0.1:9955' }).settings?.chainAddress).toBe('b:2');
    expect(resolveSettings({}, { ...env, SUBSTRATE_URL: 'nowhere' }).problem?.message).toContain('from SUBSTRATE_URL in the environment');
  });

  it('KEY_TYPE=sr25519 is refused naming the environment; ed25519 from it is accepted', () => {
    expect(resolveSettings({}, { ...env, KEY_TYPE: 'sr25519' }).problem).toEqual({
      attribute: 'key_type',
      message: 'key_type "sr25519" (from KEY_TYPE in the environment) is not supported: use ed25519',
    });
    expect(resolveSettings({}, { ...env, KEY_TYPE: 'ed25519' }).problem).toBeUndefined();
  });

  it('NETWORK is not read: the local grid stays the default', () => {
    expect(resolveSettings({}, { ...env, NETWORK: 'dev' }).problem).toBeUndefined();
  });
});
