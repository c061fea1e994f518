// Attributes added to match terraform-provider-grid (the audit in provider/README.md): each does
// what its description says. The provider's substrate_url and rmb_timeout, a VM's corex, zlogs and
// default cpu, a create timeout, and what is refused at validate naming the attribute.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ObjectValue } from '../../engine';
import { GridProviderImpl } from '../src/grid-provider';
import { resolveSettings } from '../src/grid/settings';
import { durationMs } from '../src/grid/duration';
import { vmWorkloads } from '../src/resources/deployment';

describe('upstream attributes gridform gained', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-upstream-gaps-'));
  const env = { GRIDFORM_HOME: home, MNEMONIC: 'some words' };
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
  const provider = new GridProviderImpl({});
  const problems = (typeName: string, config: ObjectValue) =>
    provider.validateResourceConfig({ typeName, config }).diagnostics.map((d) => `${(d.attributePath ?? []).join('.')}: ${d.detail ?? ''}`);

  it("substrate_url is the chain's address when chain_url is unset; chain_url wins", () => {
    expect(resolveSettings({ substrate_url: 'wss://127.0.0.1:9955/ws' }, env).settings?.chainAddress).toBe('127.0.0.1:9955');
    expect(resolveSettings({ substrate_url: '127.0.0.1:9955' }, env).settings?.chainAddress).toBe('127.0.0.1:9955');
    expect(resolveSettings({ substrate_url: 'ws://a:1', chain_url: 'b:2' }, env).settings?.chainAddress).toBe('b:2');
  });

  it('rmb_timeout bounds each node call; a bad one is refused naming it', () => {
    expect(resolveSettings({ rmb_timeout: 5 }, env).settings?.nodeCallTimeoutMs).toBe(5000);
    expect(resolveSettings({}, env).settings?.nodeCallTimeoutMs).toBeUndefined();
    expect(resolveSettings({ rmb_timeout: 0 }, env).problem).toEqual({
      attribute: 'rmb_timeout',
      message: expect.stringContaining('from 1 to 3600'),
    });
  });

  it("a VM's corex reaches the zmachine, each zlogs URL becomes a zlogs workload of it, and cpu defaults to 1", () => {
    const vm = {
      name: 'web',
      flist: 'https://hub/f.flist',
      memory: 512,
      corex: true,
      zlogs: ['redis://10.0.0.1:6379', 'wss://logs.example:443'],
    };
    const workloads = vmWorkloads(vm, 'net');
    const machine = JSON.parse(workloads.find((w) => w.type === 'zmachine')!.data as string) as {
      corex: boolean;
      compute_capacity: { cpu: number };
    };
    expect(machine.corex).toBe(true);
    expect(machine.compute_capacity.cpu).toBe(1);
    expect(workloads.filter((w) => w.type === 'zlogs').map((w) => [w.name, JSON.parse(w.data as string)])).toEqual([
      ['web_z1', { zmachine: 'web', output: 'redis://10.0.0.1:6379' }],
      ['web_z2', { zmachine: 'web', output: 'wss://logs.example:443' }],
    ]);
  });

  it('reads timeouts as Go durations', () => {
    expect([durationMs('45m'), durationMs('1h30m'), durationMs('90s'), durationMs('500ms')]).toEqual([2_700_000, 5_400_000, 90_000, 500]);
    expect(durationMs('45 minutes')).toBeUndefined();
  });

  it.each([
    ['a zlogs URL that is http', 'grid_deployment', { vms: [{ zlogs: ['http://x'] }] }, 'vms.0.zlogs.0', 'redis://, ws:// or wss://'],
    [
      'a create timeout that is no duration',
      'grid_deployment',
      { timeouts: { create: 'soon' } },
      'timeouts.create',
      'a duration such as 45m',
    ],
    ['a public IPv6 for a k8s master', 'grid_kubernetes', { master: { publicip6: true } }, 'master.publicip6', 'no IPv6 ranges'],
  ])('refuses %s at its path', (_what, typeName, over, at, text) => {
    const vm = { name: 'vm', flist: 'https://hub/f.flist', cpu: 1, memory: 512 };
    const base: ObjectValue =
      typeName === 'grid_deployment'
        ? { node: 1, network_name: 'net', vms: [vm] }
        : { network_name: 'net', token: 't', master: { name: 'm', node: 1, cpu: 1, memory: 1024, disk_size: 5 } };
    const config = { ...base, ...over } as ObjectValue;
    if (typeName === 'grid_deployment' && (over as ObjectValue).vms)
      config.vms = [{ ...vm, ...((over as { vms: ObjectValue[] }).vms[0] ?? {}) }];
    if (typeName === 'grid_kubernetes')
      config.master = { ...(base.master as ObjectValue), ...((over as { master: ObjectValue }).master ?? {}) };
    expect(problems(typeName, config).find((p) => p.startsWith(`${at}:`))).toContain(text);
  });
});
