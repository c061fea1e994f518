// Every gridform command and subcommand, from one table: run with good input, with bad input and
// with -help, --help and -h, checking the exit code. -help and refused input must change nothing:
// the stack folder (state file included) keeps its bytes, the grid folder its files, and no process
// is started (child_process.spawn is never called, no new process runs on the grid folder).
// It runs the built gridform (dist/) in this process, with a local grid of one node.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';

// the module object itself (not an import's copy of it), so that a spy on spawn sees every call
const childProcess = require('node:child_process') as typeof import('node:child_process');
const REPO = path.resolve(__dirname, '..', '..', '..');
const engine = require(path.join(REPO, 'dist', 'engine')) as typeof import('../../../engine');
const { gridformOptions } = require(path.join(REPO, 'dist', 'provider', 'cli', 'options')) as typeof import('../../cli/options');

jest.setTimeout(60_000);

interface Result {
  code: number;
  out: string;
  err: string;
}

interface Case {
  readonly args: readonly string[] | (() => string[]);
  readonly code: number;
  /** what stdout (good input) or stderr (bad input) must match */
  readonly says?: RegExp;
  /** where it runs: the stack folder (default) or the CDKTF app folder */
  readonly in?: 'stack' | 'app';
  readonly before?: () => void | Promise<void>;
  readonly after?: (r: Result) => void;
  /** it starts a process (the launcher, cdktf): the spy on spawn must see it, or it would see nothing */
  readonly spawns?: boolean;
}

interface Row {
  readonly command: string;
  readonly good: Case;
  readonly bad: Case;
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-table-home-'));
const stack = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-table-stack-'));
// a CDKTF app inside the repository, so that it finds cdktf; plain JS, so synth is quick
const app = fs.mkdtempSync(path.join(REPO, '.test-work-'));
const env = { GRIDFORM_HOME: home, MNEMONIC: '', CHECKPOINT_DISABLE: '1' };
const lockPath = path.join(stack, '.terraform.tfstate.lock.info');
const pushed = path.join(os.tmpdir(), `gridform-table-pushed-${process.pid}.tfstate`);
let account = '';

const DOC = {
  resource: { terraform_data: { a: { input: 'x' } } },
  output: { o: { value: '${terraform_data.a.output}' }, l: { value: ['${terraform_data.a.output}'] } },
};

async function gridform(args: readonly string[], where: 'stack' | 'app' = 'stack'): Promise<Result> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const cwd = where === 'app' ? app : stack;
  const options = gridformOptions({ ...process.env, ...env });
  const code = await engine.runCli([...args], options, { cwd, stdout, stderr, stdin, color: false, env });
  return { code, out, err };
}

/** The stack folder's files and bytes, the grid folder's files and grid.json, the processes on the grid folder. */
function snapshot(): unknown {
  const files = (dir: string, withBytes: boolean) => {
    if (!fs.existsSync(dir)) return null;
    return (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((f) => {
      const full = path.join(dir, f);
      return fs.statSync(full).isDirectory() || !withBytes ? f : `${f} ${fs.readFileSync(full).toString('base64')}`;
    });
  };
  const gridJson = path.join(home, 'grid.json');
  const processes = fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(home);
      } catch {
        return false;
      }
    });
  return {
    stack: files(stack, true),
    app: files(app, true),
    home: files(home, false)?.filter((f) => !/-(wal|shm|journal)$/.test(f)),
    gridJson: fs.existsSync(gridJson) ? fs.readFileSync(gridJson, 'utf8') : null,
    processes: processes.sort(),
  };
}

const args = (c: Case) => (typeof c.args === 'function' ? c.args() : [...c.args]);

const ok = (a: Case['args'], code = 0, says?: RegExp, more: Partial<Case> = {}): Case => ({
  args: a,
  code,
  ...(says ? { says } : {}),
  ...more,
});
const no = (a: Case['args'], says: RegExp, more: Partial<Case> = {}): Case => ({ args: a, code: 1, says, ...more });
const row = (command: string, good: Case, bad: Case): Row => ({ command, good, bad });
const TOO_MANY = /Too many command line arguments/;
const usage = (what: string) => new RegExp(`Usage: gridform \\[global options\\] ${what} <subcommand>`);
const staleLock = () =>
  fs.writeFileSync(
    lockPath,
    JSON.stringify({
      ID: 'stale-1',
      Operation: 'OperationApply',
      Who: 'gone@ci',
      Version: '0.1.0',
      Created: '2026-01-02T03:04:05Z',
      Path: 'terraform.tfstate',
    }),
  );
/** A name contract of the dev twin, so that `chain bills` has a contract to list the bills of. */
async function aContract(): Promise<void> {
  const { ChainClient, keyPairFromMnemonic } = require(path.join(REPO, 'dist', 'proto')) as typeof import('../../../proto');
  type GridFile = { chain: { address: string }; devAccount: { mnemonic: string } };
  const grid = JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as GridFile;
  const chain = new ChainClient(grid.chain.address);
  try {
    await chain.submit(keyPairFromMnemonic(grid.devAccount.mnemonic), { createNameContract: { name: 'billed' } });
  } finally {
    chain.close();
  }
}
const otherLineage = () => fs.writeFileSync(pushed, JSON.stringify({ ...JSON.parse(fs.readFileSync(pushed, 'utf8')), lineage: 'other' }));
const synthesized = () => expect(fs.existsSync(path.join(app, 'cdktf.out', 'stacks', 'tiny', 'cdk.tf.json'))).toBe(true);

// in the order the good inputs run: each may rely on those before it
const ROWS: Row[] = [
  row('grid status', ok(['grid', 'status', '--json'], 0, /"running": true/, { spawns: true }), no(['grid', 'status', 'extra'], TOO_MANY)),
  row('version', ok(['version', '-json'], 0, /"terraform_version"/), no(['version', 'extra'], TOO_MANY)),
  row(
    'init',
    ok(['init', '-input=false', '-upgrade'], 0, /successfully initialized/),
    no(['init', '-bogus'], /flag provided but not defined: -bogus/),
  ),
  row('providers', ok(['providers', 'lock', '-platform=linux_amd64']), no(['providers'], usage('providers'))),
  row('providers lock', ok(['providers', 'lock'], 0, /nothing to lock/), no(['providers', 'lock', '-bogus'], /-bogus/)),
  row('synth', ok(['synth'], 0, undefined, { in: 'app', after: synthesized, spawns: true }), no(['synth'], /No CDKTF app here/)),
  row('validate', ok(['validate', '-json'], 0, /"valid": true/), no(['validate', '-json=yes'], /invalid boolean value "yes"/)),
  row('graph', ok(['graph'], 0, /digraph/), no(['graph', '-type=plan'], /flag provided but not defined: -type/)),
  row('plan', ok(['plan', '-detailed-exitcode'], 2, /1 to add/), no(['plan', '-out'], /flag needs an argument: -out/)),
  row(
    'apply',
    ok(['apply', '-auto-approve'], 0, /Apply complete! Resources: 1 added/),
    no(['apply', '-detailed-exitcode'], /not defined: -detailed-exitcode/),
  ),
  row(
    'refresh',
    ok(['refresh', '-json'], 0, /"type":"change_summary"/),
    no(['refresh', '-lock-timeout=soon'], /Invalid value for -lock-timeout/),
  ),
  row('output', ok(['output', '-raw', 'o'], 0, /^x$/), no(['output', '-raw', '-json', 'o'], /mutually-exclusive/)),
  row('output', ok(['output', '-json', 'l'], 0, /^\["x"\]\n$/), no(['output', '-raw'], /Output name required/)),
  row('show', ok(['show', '-json'], 0, /"format_version":"1.0"/), no(['show', 'nosuch.tfplan'], /is not a saved plan/)),
  row('state', ok(['state', 'list']), no(['state'], usage('state'))),
  row(
    'state list',
    ok(['state', 'list'], 0, /^terraform_data\.a\n$/),
    no(['state', 'list', 'terraform_data.nosuch'], /No matching objects found/),
  ),
  row(
    'state show',
    ok(['state', 'show', 'terraform_data.a'], 0, /input\s+= "x"/),
    no(['state', 'show', 'terraform_data.nosuch'], /No instance found/),
  ),
  row(
    'state pull',
    ok(['state', 'pull'], 0, /"lineage"/, { after: (r) => fs.writeFileSync(pushed, r.out) }),
    no(['state', 'pull', 'extra'], TOO_MANY),
  ),
  row(
    'state push',
    ok(() => ['state', 'push', pushed]),
    no(() => ['state', 'push', pushed], /over unrelated state/, { before: otherLineage }),
  ),
  row(
    'state mv',
    ok(['state', 'mv', 'terraform_data.a', 'terraform_data.b'], 0, /Successfully moved 1 object/),
    no(['state', 'mv', 'terraform_data.b'], /Missing required argument/),
  ),
  row(
    'state rm',
    ok(['state', 'rm', 'terraform_data.b'], 0, /Successfully removed 1 resource/),
    no(['state', 'rm', 'terraform_data.nosuch'], /Invalid target address/),
  ),
  row(
    'import',
    ok(['import', 'terraform_data.a', 'imported-id'], 0, /Import successful!/),
    no(['import', 'terraform_data.a'], /Missing required argument/),
  ),
  row('workspace', ok(['workspace', 'show']), no(['workspace', 'bogus'], /Usage: gridform \[global options\] workspace/)),
  row(
    'workspace new',
    ok(['workspace', 'new', 'staging'], 0, /Created and switched to workspace "staging"/),
    no(['workspace', 'new', 'default'], /already exists/),
  ),
  row('workspace list', ok(['workspace', 'list'], 0, /\* staging/), no(['workspace', 'list', 'extra'], TOO_MANY)),
  row('workspace show', ok(['workspace', 'show'], 0, /^staging\n$/), no(['workspace', 'show', '-force'], /not defined: -force/)),
  row(
    'workspace select',
    ok(['workspace', 'select', 'default'], 0, /Switched to workspace "default"/),
    no(['workspace', 'select', 'nosuch'], /doesn't exist/),
  ),
  row(
    'workspace delete',
    ok(['workspace', 'delete', 'staging'], 0, /Deleted workspace "staging"/),
    no(['workspace', 'delete', 'default'], /Cannot delete the default workspace/),
  ),
  row(
    'force-unlock',
    ok(['force-unlock', '-force', 'stale-1'], 0, /successfully unlocked/, { before: staleLock }),
    no(['force-unlock', '-force', 'nosuch'], /No lock with ID nosuch/),
  ),
  row('chain', ok(['chain', 'nodes']), no(['chain'], usage('chain'))),
  row('chain nodes', ok(['chain', 'nodes', '--json'], 0, /"farmId": 1/), no(['chain', 'nodes', '--twin', '1'], /not defined: -twin/)),
  row('chain farms', ok(['chain', 'farms'], 0, /PUBLIC IPS/), no(['chain', 'farms', '--node=1'], /not defined: -node/)),
  row(
    'chain contracts',
    ok(['chain', 'contracts', '--json'], 0, /^\[/),
    no(['chain', 'contracts', '--twin=me'], /invalid value "me" for flag -twin/),
  ),
  row(
    'chain bills',
    ok(['chain', 'bills', '1', '--json'], 0, /^\[/, { before: aContract }),
    no(['chain', 'bills'], /Missing required argument/),
  ),
  row(
    'chain events',
    ok(['chain', 'events', '--from', '0', '--json'], 0, /"type"/),
    no(['chain', 'events', '--from'], /flag needs an argument: -from/),
  ),
  row(
    'chain advance',
    ok(['chain', 'advance', '--hours', '1'], 0, /Chain time is now/),
    no(['chain', 'advance', '--hours=-2'], /it must be a number above 0/),
  ),
  row('account', ok(['account', 'balance']), no(['account', 'close'], usage('account'))),
  row(
    'account create',
    ok(['account', 'create', '--fund', '5', '--json'], 0, /"mnemonic"/, {
      after: (r) => (account = (JSON.parse(r.out) as { accountId: string }).accountId),
    }),
    no(['account', 'create', '--fund'], /flag needs an argument: -fund/),
  ),
  row('account balance', ok(['account', 'balance'], 0, /TFT \(account/), no(['account', 'balance', 'a', 'b'], TOO_MANY)),
  row(
    'account transfer',
    ok(() => ['account', 'transfer', '--to', account, '--amount', '1'], 0, /Transferred 1 TFT/),
    no(['account', 'transfer', '--to', 'x'], /needs --to ACCOUNT_ID and --amount TFT/),
  ),
  row('node', ok(['node', 'deployments', '1']), no(['node'], usage('node'))),
  row('node deployments', ok(['node', 'deployments', '1', '--json'], 0, /^\[/), no(['node', 'deployments', 'one'], /takes a node id/)),
  row('node stop', ok(['node', 'stop', '1'], 0, /Node 1 stopped/, { spawns: true }), no(['node', 'stop'], /Missing required argument/)),
  row('node start', ok(['node', 'start', '1'], 0, /Node 1 started/, { spawns: true }), no(['node', 'start', '1', '2'], TOO_MANY)),
  row(
    'node restart',
    ok(['node', 'restart', '1'], 0, /Node 1 restarted/, { spawns: true }),
    no(['node', 'restart', '1', '--to', '0.2.0'], /not defined: -to/),
  ),
  row(
    'node upgrade',
    ok(['node', 'upgrade', '1', '--to', '0.2.0'], 0, /Node 1 runs 0\.2\.0/, { spawns: true }),
    no(['node', 'upgrade', '1', '--to', 'bad version!'], /invalid value "bad version!" for flag -to/),
  ),
  row(
    'node power',
    ok(['node', 'power', '1', '--target', 'down'], 0, /Node 1: power target Down; the chain has it standby/),
    no(['node', 'power', '1', '--target', 'off'], /invalid value "off" for flag -target/),
  ),
  row('farm', ok(['farm', 'list']), no(['farm'], usage('farm'))),
  row(
    'farm create',
    ok(['farm', 'create', 'tablefarm', '--json'], 0, /"name": "tablefarm"/),
    no(['farm', 'create', 'Bad Name'], /farm name "Bad Name" must be 3-40 characters/),
  ),
  row(
    'farm add-ip',
    ok(['farm', 'add-ip', '--farm', '2', '198.51.100.9/24', '--gateway', '198.51.100.1'], 0, /Added public IP/),
    no(['farm', 'add-ip', '--farm', '2', '203.0.113.10/24', '--gateway', '203.0.113.1'], /already registered on farm 1/),
  ),
  row(
    'farm remove-ip',
    ok(['farm', 'remove-ip', '--farm', '2', '198.51.100.9/24'], 0, /Removed public IP/),
    no(['farm', 'remove-ip', '--farm', '2', '198.51.100.9/24'], /farm 2 has no public IP "198\.51\.100\.9\/24"/),
  ),
  row('farm list', ok(['farm', 'list', '--json'], 0, /"name": "tablefarm"/), no(['farm', 'list', 'extra'], TOO_MANY)),
  row(
    'node join',
    ok(['node', 'join', '--farm', '2'], 0, /Node 2 joined farm 2/, { spawns: true }),
    no(['node', 'join', '--farm', '77'], /farm 77 does not exist/),
  ),
  row(
    'grid upgrade',
    ok(['grid', 'upgrade', '--to', '0.2.0'], 0, /Upgraded 2 node\(s\) to 0\.2\.0: 1, 2/, { spawns: true }),
    no(['grid', 'upgrade', '--to'], /flag needs an argument: -to/),
  ),
  row('destroy', ok(['destroy', '-auto-approve'], 0, /Destroy complete! Resources: 1 destroyed/), no(['destroy', 'extra'], TOO_MANY)),
  // after destroy: a rent contract needs an empty node
  row(
    'node rent',
    ok(['node', 'rent', '1'], 0, /Rented node 1: rent contract \d+/),
    no(['node', 'rent', '999'], /node 999 does not exist/),
  ),
  row(
    'node unrent',
    ok(['node', 'unrent', '1'], 0, /Node 1: rent contract \d+ cancelled/),
    no(['node', 'unrent', '1'], /has no rent contract on it/),
  ),
  row('grid', ok(['grid', 'status'], 0, /running/), no(['grid'], usage('grid'))),
  row(
    'grid up',
    ok(['grid', 'up', '--port', '0', '--nodes', '1']),
    no(['grid', 'up', '--nodes', 'x'], /invalid value "x" for flag -nodes/),
  ),
  row('grid down', ok(['grid', 'down', '--purge'], 0, /Stopped the local grid/), no(['grid', 'down', '--force'], /not defined: -force/)),
];

describe('every gridform command: good input, bad input, -help', () => {
  let spawn: jest.SpyInstance;
  beforeAll(async () => {
    fs.writeFileSync(path.join(stack, 'cdk.tf.json'), JSON.stringify(DOC, null, 2));
    fs.writeFileSync(path.join(app, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node main.js' }));
    fs.writeFileSync(
      path.join(app, 'main.js'),
      "const { App, TerraformStack, TerraformOutput } = require('cdktf');\n" +
        "const app = new App();\nnew TerraformOutput(new TerraformStack(app, 'tiny'), 'greeting', { value: 'hello' });\napp.synth();\n",
    );
    const up = ROWS.find((r) => r.command === 'grid up')!.good;
    const r = await gridform(args(up));
    expect(r.code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge']);
    for (const d of [home, stack, app]) fs.rmSync(d, { recursive: true, force: true });
    fs.rmSync(pushed, { force: true });
  });
  beforeEach(() => {
    spawn = jest.spyOn(childProcess, 'spawn');
  });
  afterEach(() => spawn.mockRestore());

  /** runs `c`, expecting nothing to change and no process to start */
  const unchanged = async (c: Case): Promise<Result> => {
    await c.before?.();
    const before = snapshot();
    const r = await gridform(args(c), c.in);
    expect(spawn).not.toHaveBeenCalled();
    expect(snapshot()).toEqual(before);
    return r;
  };

  const commands = [...new Set(ROWS.map((r) => r.command))];
  const helpCases = commands.flatMap((command) => ['-help', '--help', '-h'].map((h) => [command, h] as const));
  it.each(helpCases)('%s %s prints the usage, exit 0, and does nothing else', async (command, h) => {
    const r = await unchanged({ args: [...command.split(' '), h], code: 0 });
    expect(r.out).toMatch(new RegExp(`^Usage: gridform \\[global options\\] ${command} `));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  const goodCases = ROWS.filter((r) => r.command !== 'grid up' && r.command !== 'grid down').map((r) => [r.command, r] as const);
  it.each(goodCases)('%s with good input', async (_c, row) => {
    await row.good.before?.();
    const r = await gridform(args(row.good), row.good.in);
    expect({ code: r.code, err: r.code === row.good.code ? '' : r.err }).toEqual({ code: row.good.code, err: '' });
    if (row.good.says) expect(r.out).toMatch(row.good.says);
    if (row.good.spawns) expect(spawn).toHaveBeenCalled();
    row.good.after?.(r);
  });

  it.each(ROWS.map((r) => [r.command, r] as const))('%s with bad input is refused and changes nothing', async (_c, row) => {
    const r = await unchanged(row.bad);
    expect(r.code).toBe(row.bad.code);
    if (row.bad.says) expect(r.err).toMatch(row.bad.says);
  });

  it('grid down with good input stops the grid: its processes are gone and its folder removed', async () => {
    const r = await gridform(args(ROWS.find((x) => x.command === 'grid down')!.good));
    expect(r.code).toBe(0);
    expect(fs.existsSync(home)).toBe(false);
    expect((snapshot() as { processes: string[] }).processes).toEqual([]);
  });
});
