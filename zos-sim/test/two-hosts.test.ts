// Two hosts: a node daemon in its own network namespace, joined to this one by a veth pair,
// registers with a chain listening on the other end and serves a deployment to a client here.
// Skips, saying why, where network namespaces cannot be made (not root, no iproute2).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NODE_READY, NodeClient, deploymentHashHex, readyLine, signDeployment, type node } from '../../proto';
import { startChainProcess, twinFor, type ChainProcess } from './chain-process';

const ZOS_MAIN = path.resolve(__dirname, '../../dist/zos-sim/main.js');
const NS = `gf${process.pid}`;
const HOST_IF = `gfh${process.pid}`.slice(0, 15);
const NS_IF = `gfn${process.pid}`.slice(0, 15);
const SUBNET = `10.${200 + (process.pid % 50)}.${process.pid % 250}`;

function whyNoNamespaces(): string | undefined {
  if (process.getuid?.() !== 0) return 'it needs root to create network namespaces';
  if (spawnSync('sh', ['-c', 'command -v ip']).status !== 0) return 'iproute2 (the ip command) is not installed';
  const probe = spawnSync('ip', ['netns', 'add', `${NS}probe`], { encoding: 'utf8' });
  if (probe.status !== 0) return `ip netns add failed: ${probe.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', `${NS}probe`]);
  return undefined;
}

const reason = whyNoNamespaces();
if (reason) {
  // eslint-disable-next-line no-console
  console.warn(`two-hosts test skipped: ${reason}`);
}
const maybe = reason ? describe.skip : describe;

maybe('a node on another host (network namespace)', () => {
  let chain: ChainProcess;
  let daemon: ChildProcess;
  let client: NodeClient;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-netns-'));
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

  beforeAll(async () => {
    ip('netns', 'add', NS);
    ip('link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', NS_IF);
    ip('link', 'set', NS_IF, 'netns', NS);
    ip('addr', 'add', `${SUBNET}.1/24`, 'dev', HOST_IF);
    ip('link', 'set', HOST_IF, 'up');
    ip('netns', 'exec', NS, 'ip', 'addr', 'add', `${SUBNET}.2/24`, 'dev', NS_IF);
    ip('netns', 'exec', NS, 'ip', 'link', 'set', NS_IF, 'up');
    ip('netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up');
    chain = await startChainProcess(`${SUBNET}.1`);
  }, 30_000);

  afterAll(async () => {
    client?.close();
    daemon?.kill('SIGKILL');
    await chain?.stop();
    spawnSync('ip', ['link', 'del', HOST_IF]);
    spawnSync('ip', ['netns', 'del', NS]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers with the chain across the veth pair and provisions a deployment sent from this host', async () => {
    const farmer = await twinFor(chain.client);
    const farmId = (await chain.client.submit(farmer.key, { createFarm: { name: 'remote', publicIps: [] } })).createdIds[0];
    daemon = spawn(
      'ip',
      [
        'netns',
        'exec',
        NS,
        process.execPath,
        ZOS_MAIN,
        '--chain',
        chain.address,
        '--farm',
        String(farmId),
        '--data',
        dir,
        '--host',
        `${SUBNET}.2`,
        '--provision-ms',
        'network=1,zmachine=5',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [, id, address] = await readyLine(daemon, NODE_READY, 'zos-sim in its namespace');
    const nodeId = Number(id);
    expect(address.startsWith(`${SUBNET}.2:`)).toBe(true);
    expect((await chain.client.node(nodeId)).address).toBe(address);

    const user = await twinFor(chain.client);
    const d: node.Deployment = {
      version: 0,
      twinId: user.twinId,
      contractId: 0,
      metadata: '',
      description: '',
      signatureRequirement: { requests: [{ twinId: user.twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
      workloads: [{ version: 0, name: 'disk', type: 'zmount', data: JSON.stringify({ size: 2 ** 30 }), metadata: '', description: '' }],
    };
    d.contractId = (
      await chain.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: deploymentHashHex(d), publicIps: 0 } })
    ).createdIds[0];
    client = new NodeClient(address, { signer: { twinId: user.twinId, key: user.key, nodeId } });
    await client.deploy(signDeployment(d, user.twinId, user.key));
    let state = '';
    while ((state = (await client.get(user.twinId, d.contractId)).workloads[0].result!.state) === 'init')
      await new Promise((r) => setTimeout(r, 20));
    expect(state).toBe('ok');
  }, 60_000);
});
