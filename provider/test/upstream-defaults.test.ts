// What the provider makes of attributes left unset, as terraform-provider-grid's defaults say (the
// default column of the audit in provider/README.md): project names, a name proxy's description,
// and the provider settings read from the environment. What a local grid receives, the k3s flist
// and an import included, is checked end to end in e2e/upstream-defaults.e2e.test.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveSettings } from '../src/grid/settings';
import { deploymentMetadata } from '../src/resources/deployment';
import { gatewayProjectName, nameProxyWorkload } from '../src/resources/gateways';
import { kubernetesProjectName } from '../src/resources/kubernetes';
import { networkProjectName } from '../src/resources/network';

describe("upstream's defaults in what gridform sends", () => {
  it("a deployment's solution_type names its project; empty, as upstream, it is vm/NAME", () => {
    expect(deploymentMetadata({ name: 'web' })).toEqual({ type: 'vm', name: 'web', projectName: 'vm/web' });
    expect(deploymentMetadata({ name: 'web', solution_type: '' }).projectName).toBe('vm/web');
    expect(deploymentMetadata({ solution_type: 'shop' })).toEqual({ type: 'vm', name: 'vm', projectName: 'shop' });
  });

  it('a cluster without solution_type is project kubernetes/MASTER', () => {
    const planned = { master: { name: 'mr', node: 1 } };
    expect(kubernetesProjectName(planned)).toBe('kubernetes/mr');
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

  it("a name proxy's workload carries upstream's description when unset", () => {
    const planned = { name: 'app', node: 1, backends: ['http://10.1.2.2:8080'] };
    expect(nameProxyWorkload(planned).description).toBe('Description of the gateway name workload.');
    expect(nameProxyWorkload({ ...planned, description: 'mine' }).description).toBe('mine');
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
