// The engine's commands as the command line sees them: usage, flags (spelled as terraform spells
// them) and arguments. run-cli.ts checks every command line against these before running it.
import type { CommandSpec, FlagSpec } from '../command-spec';

type Flags = Record<string, FlagSpec>;

const STACK: Flags = {
  stack: { kind: 'value', arg: 'NAME', help: 'The stack to use when the CDKTF app has several.' },
};
// Commands that synthesize a CDKTF app first; cdktf's own deploy/diff/destroy spell it --skip-synth.
const SYNTH: Flags = {
  ...STACK,
  'skip-synth': {
    kind: 'bool',
    help: 'Use the stack cdktf synth wrote last instead of synthesizing the app again (it must be up to date).',
  },
};
const LOCK: Flags = {
  lock: {
    kind: 'bool',
    arg: 'false',
    help: "Don't hold a state lock during the operation. Dangerous if others run at the same time.",
  },
  'lock-timeout': {
    kind: 'value',
    arg: 'DURATION',
    help: 'How long to retry a state lock held by another run (30s, 2m). Default 0s.',
  },
};
const VARS: Flags = {
  var: { kind: 'list', arg: "'NAME=VALUE'", help: 'Set an input variable. Use several times for several variables.' },
  'var-file': { kind: 'list', arg: 'PATH', help: 'Set input variables from a file of NAME = VALUE lines or JSON.' },
};
const INPUT: Flags = {
  input: { kind: 'bool', arg: 'false', help: 'Never ask on the terminal (the default asks for approval when it can).' },
};
const JSON_UI: Flags = {
  json: {
    kind: 'bool',
    help: "Print terraform's machine-readable UI: one JSON message per line. Needs -auto-approve or a plan file to apply.",
  },
};
const COMPAT: Flags = {
  'compact-warnings': { kind: 'bool', help: 'Accepted for compatibility; warnings are printed whole.' },
};
const WALK: Flags = {
  parallelism: { kind: 'value', arg: 'N', help: 'How many operations run at once. Default 10.' },
  target: {
    kind: 'list',
    arg: 'ADDRESS',
    help: 'Consider only this resource (and what it depends on). Use several times for several.',
  },
};
const REFRESH: Flags = {
  refresh: { kind: 'bool', arg: 'false', help: 'Plan from the state as it is, without reading the real objects first.' },
};

const PLAN_FLAGS: Flags = {
  ...SYNTH,
  ...LOCK,
  ...VARS,
  ...INPUT,
  ...JSON_UI,
  ...COMPAT,
  ...WALK,
  ...REFRESH,
  destroy: { kind: 'bool', help: 'Plan to destroy every object this configuration manages.' },
  'refresh-only': { kind: 'bool', help: 'Plan only to update the state and outputs to match the real objects.' },
  replace: {
    kind: 'list',
    arg: 'ADDRESS',
    help: 'Plan to replace this object even if nothing requires it. Use several times for several.',
  },
};

const plan: CommandSpec = {
  usage: '[options]',
  summary: 'Show changes required by the current configuration',
  description:
    'Runs cdktf synth in a CDKTF app folder, reads the real objects, and shows what apply would change. ' +
    'With -detailed-exitcode the exit code is 0 when nothing would change, 1 on errors and 2 when there are changes.',
  flags: {
    ...PLAN_FLAGS,
    out: { kind: 'value', arg: 'PATH', help: 'Save the plan to PATH, for "gridform apply PATH" or "gridform show -json PATH".' },
    'detailed-exitcode': { kind: 'bool', help: 'Exit 0 for no changes, 1 for errors, 2 for changes.' },
  },
  args: [0, 0],
  jsonUi: true,
};

const apply: CommandSpec = {
  usage: '[options] [PLAN]',
  summary: 'Create or update infrastructure',
  description:
    'Plans and, once approved, makes the changes. Given a plan saved by "gridform plan -out=PLAN", applies exactly that ' +
    'plan without asking, and refuses it when the state changed since it was made.',
  flags: { ...PLAN_FLAGS, 'auto-approve': { kind: 'bool', help: 'Apply without asking for approval.' } },
  args: [0, 1],
  jsonUi: true,
};

const destroy: CommandSpec = {
  usage: '[options]',
  summary: 'Destroy previously-created infrastructure',
  description: 'Destroys every object this configuration manages, once approved. Same as "gridform apply -destroy".',
  flags: {
    ...SYNTH,
    ...LOCK,
    ...VARS,
    ...INPUT,
    ...JSON_UI,
    ...COMPAT,
    ...WALK,
    ...REFRESH,
    'auto-approve': { kind: 'bool', help: 'Destroy without asking for approval.' },
  },
  args: [0, 0],
  jsonUi: true,
};

const refresh: CommandSpec = {
  usage: '[options]',
  summary: 'Update the state to match the real objects (apply -refresh-only)',
  description:
    'Reads the real objects and records what changed outside gridform in the state, without asking. ' +
    '"gridform apply -refresh-only" shows the same changes and asks first.',
  flags: { ...SYNTH, ...LOCK, ...VARS, ...INPUT, ...JSON_UI, ...COMPAT, ...WALK },
  args: [0, 0],
  jsonUi: true,
};

const init: CommandSpec = {
  usage: '[options]',
  summary: 'Prepare the working directory (providers are built in)',
  description:
    "Providers are built into gridform, so there is nothing to download: init lists them. It accepts terraform's " +
    'init flags (-upgrade, -migrate-state, -reconfigure, -backend, -get, -backend-config, ...) so that tools driving terraform work.',
  flags: {
    ...INPUT,
    ...LOCK,
    upgrade: { kind: 'bool' },
    'migrate-state': { kind: 'bool' },
    reconfigure: { kind: 'bool' },
    backend: { kind: 'bool' },
    get: { kind: 'bool' },
    'force-copy': { kind: 'bool' },
    'backend-config': { kind: 'list' },
  },
  args: [0, 0],
};

const validate: CommandSpec = {
  usage: '[options]',
  summary: 'Check whether the configuration is valid',
  description: "Checks the configuration and each resource's arguments against its provider, without reading any state or real object.",
  flags: { ...SYNTH, json: { kind: 'bool', help: 'Print the result as one JSON object, as "terraform validate -json" does.' } },
  args: [0, 0],
};

const synth: CommandSpec = {
  usage: '[options]',
  summary: 'Run cdktf synth in a CDKTF app folder',
  description: 'Runs the real "cdktf synth" in this folder.',
  flags: {},
  args: [0, 0],
};

const output: CommandSpec = {
  usage: '[options] [NAME]',
  summary: 'Show output values from the state',
  description: 'Prints the outputs recorded by the last apply, or only NAME.',
  flags: {
    ...STACK,
    json: { kind: 'bool', help: 'Print as JSON: every output with its type and sensitivity, or the value of NAME.' },
    raw: {
      kind: 'bool',
      help: 'Print the string, number or bool NAME as it is, without quotes or newline (not for lists and maps).',
    },
  },
  args: [0, 1],
};

const show: CommandSpec = {
  usage: '[options] [PLAN]',
  summary: 'Show a saved plan or the state (-json for programs)',
  description: 'Shows the plan saved in PLAN, or the state when no PLAN is given.',
  flags: { ...STACK, json: { kind: 'bool', help: 'Print in the shape of "terraform show -json".' } },
  args: [0, 1],
};

const stateSub = (usage: string, summary: string, description: string, flags: Flags, args: readonly [number, number]): CommandSpec => ({
  usage,
  summary,
  description,
  flags: { ...STACK, ...flags },
  args,
});

const state: CommandSpec = {
  usage: '<subcommand> [options] [args]',
  summary: 'Inspect and edit the state: list, show, rm, mv, pull, push',
  description: 'Looks into the state and edits it without touching the real objects.',
  flags: STACK,
  args: [0, 0],
  subcommands: {
    list: stateSub(
      '[options] [ADDRESS...]',
      'List the objects in the state',
      'Lists the resource instances in the state, or those matching ADDRESS.',
      {},
      [0, Infinity],
    ),
    show: stateSub(
      '[options] ADDRESS',
      'Show one object in the state',
      'Shows the attributes of one resource instance in the state.',
      {},
      [1, 1],
    ),
    rm: stateSub(
      '[options] ADDRESS...',
      'Forget objects (they are not destroyed)',
      'Removes the objects from the state; the real objects are left as they are.',
      LOCK,
      [1, Infinity],
    ),
    mv: stateSub(
      '[options] SOURCE DESTINATION',
      'Move an object to another address',
      'Moves an object (or every instance of a resource) to another address in the state.',
      LOCK,
      [2, 2],
    ),
    push: stateSub(
      '[options] PATH',
      'Replace the state with a state file',
      'Writes the state file PATH ("-" for standard input) to the backend. Refused when its lineage differs from the stored ' +
        "state's, or its serial is lower, or the same with other content, unless -force.",
      { ...LOCK, force: { kind: 'bool', help: 'Write it even if the lineage differs or the serial is not higher.' } },
      [1, 1],
    ),
    pull: stateSub('[options]', 'Print the state as JSON', 'Prints the state, as stored, to standard output.', {}, [0, 0]),
  },
};

const importSpec: CommandSpec = {
  usage: '[options] ADDRESS ID',
  summary: 'Bring an existing object under management: import ADDRESS ID',
  description: 'Reads the object ID through the provider and records it in the state at ADDRESS, which the configuration must declare.',
  flags: { ...SYNTH, ...LOCK, ...VARS, ...INPUT },
  args: [2, 2],
};

const graph: CommandSpec = {
  usage: '[options]',
  summary: 'Print the dependency graph in DOT',
  description: 'Prints the dependency graph of the configuration for Graphviz.',
  flags: SYNTH,
  args: [0, 0],
};

const wsSub = (usage: string, summary: string, flags: Flags, args: readonly [number, number]): CommandSpec => ({
  usage,
  summary,
  flags: { ...STACK, ...flags },
  args,
});

const workspace: CommandSpec = {
  usage: '<subcommand> [options] [NAME]',
  summary: 'Workspaces: list, show, new, select, delete',
  description: 'Several states for one configuration, kept by the backend.',
  flags: STACK,
  args: [0, 0],
  subcommands: {
    list: wsSub('[options]', 'List the workspaces', {}, [0, 0]),
    show: wsSub('[options]', 'Show the name of the current workspace', {}, [0, 0]),
    new: wsSub('[options] NAME', 'Create a workspace and switch to it', {}, [1, 1]),
    select: wsSub('[options] NAME', 'Switch to a workspace', {}, [1, 1]),
    delete: wsSub(
      '[options] NAME',
      'Delete a workspace',
      {
        force: { kind: 'bool', help: 'Delete it even if its state still manages objects (they are forgotten).' },
      },
      [1, 1],
    ),
  },
};

const forceUnlock: CommandSpec = {
  usage: '[options] LOCK_ID',
  summary: 'Release a stuck state lock: force-unlock LOCK_ID',
  description: 'Removes the lock LOCK_ID left by a run that is gone. Asks first unless -force.',
  flags: { ...STACK, force: { kind: 'bool', help: "Don't ask for confirmation." } },
  args: [1, 1],
};

const providers: CommandSpec = {
  usage: '<subcommand> [options]',
  summary: 'providers schema -json: the schemas of the built-in providers; providers lock: accepted',
  description: "Providers are built into gridform: there is nothing to lock; their schemas print in terraform's format.",
  flags: {},
  args: [0, 0],
  subcommands: {
    lock: {
      usage: '[options] [PROVIDER...]',
      summary: 'Accepted for compatibility: providers are built in',
      flags: { platform: { kind: 'list', arg: 'OS_ARCH', help: 'Accepted and ignored.' } },
      args: [0, Infinity],
    },
    schema: {
      usage: '-json',
      summary: 'Print the schemas of the providers built into gridform, as "terraform providers schema -json" does',
      flags: { json: { kind: 'bool', help: 'Required: the schemas print as JSON only.' } },
      args: [0, 0],
    },
  },
};

const version: CommandSpec = {
  usage: '[options]',
  summary: 'Show the current version',
  description: "Prints the terraform version gridform speaks, gridform's own version and the platform.",
  flags: { json: { kind: 'bool', help: 'Print as JSON, as "terraform version -json" does.' } },
  args: [0, 0],
};

export const SPECS = {
  init,
  validate,
  synth,
  plan,
  apply,
  destroy,
  output,
  show,
  state,
  import: importSpec,
  refresh,
  graph,
  workspace,
  'force-unlock': forceUnlock,
  providers,
  version,
} satisfies Record<string, CommandSpec>;
