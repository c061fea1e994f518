// What the provider sends and plans for mycelium: a VM's seed goes in its zmachine as Zero-OS reads
// it ({network, hex_seed}), no seed sends none, and a changed seed plans a new mycelium_ip for VMs
// and kubernetes nodes alike (the address is known only once the node derives it).
import { isUnknown, type ObjectValue } from '../../engine';
import { deploymentResource, vmWorkloads } from '../src/resources/deployment';
import { kubernetesResource } from '../src/resources/kubernetes';

const vm = (over: ObjectValue = {}): ObjectValue => ({ name: 'vm1', flist: 'https://hub/f.flist', cpu: 1, memory: 512, ...over });
const zmachineNetwork = (v: ObjectValue) =>
  (JSON.parse(String(vmWorkloads(v, 'net').find((w) => w.type === 'zmachine')!.data)) as { network: Record<string, unknown> }).network;

describe('mycelium in what the provider sends and plans', () => {
  it('a seed goes to the node as {network, hex_seed} in lower case; no seed, no mycelium', () => {
    expect(zmachineNetwork(vm({ mycelium_ip_seed: 'B60F2B7EC39C' })).mycelium).toEqual({ network: 'net', hex_seed: 'b60f2b7ec39c' });
    expect(zmachineNetwork(vm()).mycelium).toBeNull();
    expect(zmachineNetwork(vm({ mycelium_ip_seed: '' })).mycelium).toBeNull();
  });

  it('a VM whose seed changes plans its mycelium_ip anew; an unchanged one keeps it', () => {
    const prior = {
      node: 1,
      network_name: 'net',
      vms: [vm({ mycelium_ip_seed: 'b60f2b7ec39c', mycelium_ip: '5c9::1', planetary_ip: '' })],
    };
    const same = deploymentResource.plan!(prior, { ...prior, vms: [vm({ mycelium_ip_seed: 'b60f2b7ec39c' })] }) as ObjectValue;
    expect((same.vms as ObjectValue[])[0].mycelium_ip).toBe('5c9::1');
    const changed = deploymentResource.plan!(prior, { ...prior, vms: [vm({ mycelium_ip_seed: 'a3c91f0e7b25' })] }) as ObjectValue;
    expect(isUnknown((changed.vms as ObjectValue[])[0].mycelium_ip)).toBe(true);
  });

  it('a kubernetes worker whose seed changes plans its mycelium_ip anew', () => {
    const worker = (seed: string, ip?: string) => ({
      name: 'w0',
      node: 2,
      cpu: 1,
      memory: 1024,
      disk_size: 5,
      mycelium_ip_seed: seed,
      ...(ip ? { mycelium_ip: ip } : {}),
    });
    const master = { name: 'mr', node: 1, cpu: 1, memory: 1024, disk_size: 5, mycelium_ip: '' };
    const prior = { network_name: 'net', token: 'secret123', master, workers: [worker('b60f2b7ec39c', '4ab::ff0f:b60f:2b7e:c39c')] };
    const planned = kubernetesResource.plan!(prior, { ...prior, workers: [worker('a3c91f0e7b25')] }) as ObjectValue;
    expect(isUnknown((planned.workers as ObjectValue[])[0].mycelium_ip)).toBe(true);
  });
});
