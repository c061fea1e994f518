// Unit tests of NomadModule, the port of upstream's modules/nomad-module, with cdktf's Testing (no
// grid needed): the deployments, addresses, env vars and defaults the module gives.
import { Testing } from 'cdktf';
import { NomadWithModulesStack } from './stack';

type Vm = { name: string; ip?: string; planetary: boolean; rootfs_size: number; env_vars: Record<string, string>; mounts: unknown[] };
type Doc = { resource: { grid_deployment: Record<string, { node: number; vms: Vm[]; disks: { name: string; size: number }[] }> } };

const deployments = () => {
  const doc = JSON.parse(Testing.synth(new NomadWithModulesStack(Testing.app(), 'nomad_with_modules'))) as Doc;
  const byPrefix = (prefix: string) => Object.entries(doc.resource.grid_deployment).find(([id]) => id.startsWith(prefix))![1];
  return { servers: byPrefix('nomad_servers_3_'), clients: byPrefix('nomad_clients_4_') };
};

describe('NomadModule (upstream modules/nomad-module)', () => {
  it('puts the first server at first_server_ip and tells the others and the client where it is', () => {
    const { servers, clients } = deployments();
    expect(servers.vms.map((v) => v.ip)).toEqual(['10.1.2.2', undefined, undefined]);
    expect(servers.vms.map((v) => v.env_vars.FIRST_SERVER_IP)).toEqual([undefined, '10.1.2.2', '10.1.2.2']);
    expect(servers.vms.every((v) => v.env_vars.NOMAD_SERVERS === '3')).toBe(true);
    expect(clients.vms[0].env_vars.FIRST_SERVER_IP).toBe('10.1.2.2');
  });

  it("applies the module's defaults: planetary, a 5 GB disk mounted at /mnt, the example's rootfs_size", () => {
    const { servers, clients } = deployments();
    expect([...servers.vms, ...clients.vms].map((v) => v.planetary)).toEqual([true, true, true, true]);
    expect(clients.disks).toEqual([{ name: 'client1dsk', size: 5 }]);
    expect(clients.vms[0].mounts).toEqual([{ name: 'client1dsk', mount_point: '/mnt' }]);
    expect(servers.vms.map((v) => v.rootfs_size)).toEqual([1024, 1024, 1024]);
  });
});
