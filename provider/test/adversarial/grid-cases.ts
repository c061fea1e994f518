// The grid provider's part of the configuration corpus: CDKTF apps (synthesized in-process with
// cdktf's Testing.synth, then edited as an escape hatch or a careless hand would) planned by the
// engine with the real grid provider against a real chain. Unknown arguments in the deployment,
// its VM blocks and the provider block, values of the wrong type, out of range or missing are
// each refused naming the attribute path; what terraform converts (cpu from a string variable,
// a number in env_vars) plans as terraform would.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { runCli } from '../../../engine';
import { placedAt } from '../../../engine/test/adversarial/placed-at';
import type { AdversarialCase, Outcome } from '../../../engine/test/adversarial/verdict';
import { Deployment, GridProvider, NameProxy, Network } from '../../index';
import { gridProviderFactory } from '../../src/grid-provider';
import type { GridScene } from './grid-scene';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface GridInput {
  readonly name: string;
  readonly refusal?: RegExp;
  /** adds to the app beside the provider, the network and the deployment */
  readonly app?: (stack: TerraformStack, d: Deployment) => void;
  /** the VM's cpu as the app computes it (default 1) */
  readonly cpu?: (stack: TerraformStack) => number;
  /** edits the synthesized cdk.tf.json */
  readonly edit?: (doc: Json) => void;
  /** for a valid input: what is wrong with the plan (terraform show -json's shape), or undefined */
  readonly check?: (plan: Json) => string | undefined;
  /** the local grid's grid.json (in GRIDFORM_HOME) as it is found, and its mode */
  readonly gridFile?: { readonly text: string; readonly mode: number };
  /** an attack: refused when the plan's output matches `refusal` (a warning), whatever its exit code */
  readonly attack?: string;
}

const at = placedAt;
/** a problem of the provider block as a whole, placed at it */
const IN_PROVIDER_BLOCK = 'with provider\\.grid,\\n\\s+on [^\\n]+, in provider\\.grid\\[0\\]:';
const D = 'grid_deployment.d';

/** The app every case starts from: a provider on the scene's chain, a network, a deployment with one VM. */
function synth(scene: GridScene, input: GridInput): Json {
  const stack = new TerraformStack(Testing.app(), 'adversarial');
  new GridProvider(stack, 'grid', { chainUrl: scene.chainAddress });
  const network = new Network(stack, 'net', { name: 'net', nodes: [1], ipRange: '10.1.0.0/16' });
  const d = new Deployment(stack, 'd', {
    node: 1,
    networkName: network.name,
    vms: [
      {
        name: 'web',
        flist: 'https://hub/base.flist',
        cpu: input.cpu?.(stack) ?? 1,
        memory: 1024,
        envVars: { MODE: 'prod' },
        mounts: [{ name: 'data', mountPoint: '/data' }],
      },
    ],
    disks: [{ name: 'data', size: 10 }],
  });
  input.app?.(stack, d);
  const doc = JSON.parse(Testing.synth(stack)) as Json;
  input.edit?.(doc);
  return doc;
}

async function runGridInput(scene: GridScene, input: GridInput): Promise<Outcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adversarial-grid-'));
  try {
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(synth(scene, input)));
    if (input.gridFile) {
      fs.writeFileSync(path.join(dir, 'grid.json'), input.gridFile.text);
      fs.chmodSync(path.join(dir, 'grid.json'), input.gridFile.mode);
    }
    const env = { MNEMONIC: scene.mnemonic, GRIDFORM_HOME: dir };
    const run = async (...args: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      stdout.on('data', (b: Buffer) => (out += b.toString()));
      stderr.on('data', (b: Buffer) => (out += b.toString()));
      const code = await runCli(
        ['-no-color', ...args],
        { providers: [gridProviderFactory(env)], version: 'test' },
        { cwd: dir, stdout, stderr, stdin: new PassThrough() as never, color: false, env },
      );
      return { code, out };
    };
    const plan = await run('plan', '-out=tfplan');
    if (input.attack) return { refused: input.refusal!.test(plan.out), text: plan.out };
    if (plan.code !== 0 || !input.check) return { refused: plan.code !== 0, text: plan.out };
    const shown = await run('show', '-json', 'tfplan');
    const problem = input.check(JSON.parse(shown.out.slice(shown.out.indexOf('{'))) as Json);
    return { refused: problem !== undefined, text: problem ?? plan.out };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const vm0 = (doc: Json) => doc.resource.grid_deployment.d.vms[0] as Json;
const deployment = (doc: Json) => doc.resource.grid_deployment.d as Json;
const network = (doc: Json) => doc.resource.grid_network.net as Json;
const providerBlock = (doc: Json) => doc.provider.grid[0] as Json;
/** The planned VM of the deployment in a plan shown as JSON. */
const plannedVm = (plan: Json) => (plan.resource_changes as Json[]).find((c) => c.address === D)?.change.after.vms[0] as Json | undefined;

function inputs(): GridInput[] {
  return [
    // unknown arguments, named by their path
    {
      name: 'an unknown attribute in a VM block (set with an escape hatch)',
      refusal: at(D, 'vms[0].gpu', 'An argument named "gpu" is not expected here'),
      app: (_s, d) => d.addOverride('vms.0.gpu', 1),
    },
    { name: 'a misspelt VM attribute', refusal: at(D, 'vms[0].cpus', 'Did you mean "cpu"'), edit: (doc) => (vm0(doc).cpus = 2) },
    {
      name: 'a misspelt attribute in a VM mount',
      refusal: at(D, 'vms[0].mounts[0].mountpoint', 'Did you mean "mount_point"'),
      edit: (doc) => (vm0(doc).mounts[0].mountpoint = '/x'),
    },
    {
      name: 'a misspelt attribute of the deployment',
      refusal: at(D, 'nodee', 'Did you mean "node"'),
      edit: (doc) => (deployment(doc).nodee = 1),
    },
    {
      name: 'an unknown block in the deployment',
      refusal: at(D, 'gpus', 'An argument named "gpus" is not expected here'),
      edit: (doc) => (deployment(doc).gpus = [{ name: 'g' }]),
    },
    {
      name: 'an unknown attribute in the provider block',
      refusal: at('provider.grid', 'mnemonik', 'An argument named "mnemonik" is not expected here'),
      edit: (doc) => (providerBlock(doc).mnemonik = 'x'),
    },
    {
      name: 'an unknown attribute of the network',
      refusal: at('grid_network.net', 'node', 'Did you mean "nodes"'),
      edit: (doc) => (network(doc).node = 1),
    },
    // values of the wrong type
    { name: 'publicip = "yes"', refusal: at(D, 'vms[0].publicip', 'a bool is required'), edit: (doc) => (vm0(doc).publicip = 'yes') },
    {
      name: 'publicip = "True"',
      refusal: at(D, 'vms[0].publicip', 'to convert from string, use lowercase "true"'),
      edit: (doc) => (vm0(doc).publicip = 'True'),
    },
    { name: 'cpu = "abc"', refusal: at(D, 'vms[0].cpu', 'a number is required'), edit: (doc) => (vm0(doc).cpu = 'abc') },
    { name: 'memory as a list', refusal: at(D, 'vms[0].memory', 'a number is required'), edit: (doc) => (vm0(doc).memory = [1024]) },
    {
      name: 'env_vars as a string',
      refusal: at(D, 'vms[0].env_vars', 'map of string required'),
      edit: (doc) => (vm0(doc).env_vars = 'MODE=prod'),
    },
    {
      name: 'an env value that is a list',
      refusal: at(D, 'vms[0].env_vars.MODE', 'string required'),
      edit: (doc) => (vm0(doc).env_vars = { MODE: ['prod'] }),
    },
    { name: 'node = "one"', refusal: at(D, 'node', 'a number is required'), edit: (doc) => (deployment(doc).node = 'one') },
    {
      name: 'nodes = 1 for a network',
      refusal: at('grid_network.net', 'nodes', 'list of number required'),
      edit: (doc) => (network(doc).nodes = 1),
    },
    {
      name: 'a network node that is a word',
      refusal: at('grid_network.net', 'nodes[0]', 'a number is required'),
      edit: (doc) => (network(doc).nodes = ['first']),
    },
    { name: 'vms as a string', refusal: at(D, 'vms', 'Inappropriate value for block "vms"'), edit: (doc) => (deployment(doc).vms = 'web') },
    {
      name: 'a VM block that is a number',
      refusal: at(D, 'vms[0]', 'each vms block must be an object'),
      edit: (doc) => (deployment(doc).vms = [5]),
    },
    {
      name: 'timeout_seconds = "abc"',
      refusal: at('provider.grid', 'timeout_seconds', 'a number is required'),
      edit: (doc) => (providerBlock(doc).timeout_seconds = 'abc'),
    },
    // missing, computed-only, out of range
    { name: 'a VM without a name', refusal: at(D, 'vms[0].name', 'The argument "name" is required'), edit: (doc) => delete vm0(doc).name },
    {
      name: 'a network without ip_range',
      refusal: at('grid_network.net', 'ip_range', 'The argument "ip_range" is required'),
      edit: (doc) => delete network(doc).ip_range,
    },
    {
      name: 'computedip set by hand',
      refusal: at(D, 'vms[0].computedip', `Can't configure a value for "computedip"`),
      edit: (doc) => (vm0(doc).computedip = '203.0.113.9/24'),
    },
    {
      name: 'timeout_seconds = -5',
      refusal: at('provider.grid', 'timeout_seconds', 'timeout_seconds is -5; it must be a whole number of seconds from 1 to 86400'),
      edit: (doc) => (providerBlock(doc).timeout_seconds = -5),
    },
    {
      name: 'timeout_seconds = 1.5',
      refusal: at('provider.grid', 'timeout_seconds', 'timeout_seconds is 1.5; it must be a whole number'),
      edit: (doc) => (providerBlock(doc).timeout_seconds = 1.5),
    },
    {
      name: 'key_type = "sr25519"',
      refusal: at('provider.grid', 'key_type', 'key_type "sr25519" is not supported: use ed25519'),
      edit: (doc) => (providerBlock(doc).key_type = 'sr25519'),
    },
    {
      name: 'a mnemonic that is not one',
      refusal: at('provider.grid', 'mnemonic', 'mnemonic:'),
      edit: (doc) => (providerBlock(doc).mnemonic = 'not a mnemonic at all'),
    },
    { name: 'cpu = 33', refusal: at(D, 'vms[0].cpu', 'from 1 to 32'), edit: (doc) => (vm0(doc).cpu = 33) },
    { name: 'memory = -1024', refusal: at(D, 'vms[0].memory', 'from 256 to 262144 MB'), edit: (doc) => (vm0(doc).memory = -1024) },
    { name: 'a disk of -1 GB', refusal: at(D, 'disks[0].size', 'from 1 to 10000 GB'), edit: (doc) => (deployment(doc).disks[0].size = -1) },
    {
      name: 'a network range that is a /24',
      refusal: at('grid_network.net', 'ip_range', 'an IPv4 /16'),
      edit: (doc) => (network(doc).ip_range = '10.1.0.0/24'),
    },
    {
      name: 'a gateway name of two letters',
      refusal: at('grid_name_proxy.gw', 'name', '3 to 64 characters'),
      app: (s) => void new NameProxy(s, 'gw', { node: 1, name: 'ab', backends: ['http://10.1.2.2:80'] }),
    },
    // the local grid's file, which holds the dev account's mnemonic
    {
      name: "a local grid's grid.json readable by others gets a warning naming it and the fix",
      attack: 'files holding secrets',
      refusal: /Warning: Local grid file permissions[\s\S]*grid\.json is readable by others[\s\S]*chmod 600 .*grid\.json/,
      gridFile: { text: '{"chain":{"address":"127.0.0.1:1"},"devAccount":{"mnemonic":"x","twinId":1},"nodes":[]}', mode: 0o644 },
    },
    {
      name: "a local grid's grid.json that is not JSON, when the provider needs it",
      refusal: new RegExp(`${IN_PROVIDER_BLOCK}[\\s\\S]*the local grid's file .*grid\\.json is not JSON[\\s\\S]*gridform grid up`),
      gridFile: { text: '{"chain": {"addr', mode: 0o600 },
      edit: (doc) => delete providerBlock(doc).chain_url,
    },
    {
      name: "a local grid's grid.json that is no grid file, when the provider needs it",
      refusal: new RegExp(`${IN_PROVIDER_BLOCK}[\\s\\S]*grid\\.json does not describe a grid`),
      gridFile: { text: '[1, 2, 3]', mode: 0o600 },
      edit: (doc) => delete providerBlock(doc).chain_url,
    },
    // conversions terraform makes
    {
      name: 'cpu set from a string variable plans as the number 2 (a CDKTF app)',
      cpu: (s) => Token.asNumber(new TerraformVariable(s, 'cpu', { type: 'string', default: '2' }).stringValue),
      check: (plan) => (plannedVm(plan)?.cpu === 2 ? undefined : `cpu planned as ${JSON.stringify(plannedVm(plan)?.cpu)}, not 2`),
    },
    {
      name: 'a number in env_vars plans as a string',
      edit: (doc) => (vm0(doc).env_vars = { PORT: 8080 }),
      check: (plan) =>
        plannedVm(plan)?.env_vars?.PORT === '8080'
          ? undefined
          : `PORT planned as ${JSON.stringify(plannedVm(plan)?.env_vars?.PORT)}, not "8080"`,
    },
    {
      name: 'publicip = "true" plans as true',
      edit: (doc) => (vm0(doc).publicip = 'true'),
      check: (plan) =>
        plannedVm(plan)?.publicip === true ? undefined : `publicip planned as ${JSON.stringify(plannedVm(plan)?.publicip)}, not true`,
    },
  ];
}

export function gridCases(scene: () => GridScene): AdversarialCase[] {
  return inputs().map((i) => ({
    kind: i.attack ? 'attack' : 'input',
    group: i.attack ?? 'grid configuration',
    name: i.name,
    refusal: i.refusal,
    run: () => runGridInput(scene(), i),
  }));
}
