// The file corpus: a state, lock, journal or saved plan file damaged after a real run wrote it (a
// disk filling up, a bad merge, an editor, someone hostile), each with the refusal expected of it:
// the file named, what is wrong, what to do. A torn last journal line, the normal end of a killed
// apply, must be accepted.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AdversarialCase } from './verdict';
import { stackCase, type FileEdit } from './stack-input';

const STATE = 'terraform.tfstate';
const LOCK = '.terraform.tfstate.lock.info';
const JOURNAL = '.terraform.tfstate.journal';
const PLAN = 'tfplan';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An edit of a JSON file's parsed content. */
const editJson =
  (edit: (doc: Json) => unknown): FileEdit =>
  (current) => {
    const doc = JSON.parse(current) as Json;
    const replaced = edit(doc);
    return JSON.stringify(replaced === undefined ? doc : replaced);
  };

const stateRefusal = (words: string) =>
  new RegExp(`The state file .*${esc(STATE)} [\\s\\S]*${esc(words)}[\\s\\S]*Restore it from a backup`);

function stateCases(): AdversarialCase[] {
  const table: [string, FileEdit, string][] = [
    ['null', 'null', 'holds JSON, but not a state object'],
    ['a list', '[]', 'holds JSON, but not a state object'],
    ['a number', '42', 'holds JSON, but not a state object'],
    ['words, not JSON', 'this is not a state', 'is not JSON'],
    ['its first half only', (t) => t.slice(0, Math.floor(t.length / 2)), 'is not JSON'],
    ['binary garbage', '\u0000\u0001\u00ff\u00fe{', 'is not JSON'],
    ['version 3', editJson((s) => void (s.version = 3)), 'version 3; gridform reads version 4'],
    ['version "4" as a string', editJson((s) => void (s.version = '4')), 'version "4"'],
    ['no version', editJson((s) => void delete s.version), 'no state format version'],
    ['a serial that is a string', editJson((s) => void (s.serial = '1')), 'serial'],
    ['a negative serial', editJson((s) => void (s.serial = -1)), 'serial'],
    ['a fractional serial', editJson((s) => void (s.serial = 1.5)), 'serial'],
    ['a lineage that is a number', editJson((s) => void (s.lineage = 5)), 'lineage'],
    ['no lineage', editJson((s) => void delete s.lineage), 'lineage'],
    ['resources null', editJson((s) => void (s.resources = null)), 'resources list'],
    ['resources an object', editJson((s) => void (s.resources = {})), 'resources list'],
    ['a resource that is null', editJson((s) => void (s.resources = [null])), 'resource (number 1)'],
    ['a resource that is a number', editJson((s) => void (s.resources = [5])), 'resource (number 1)'],
    ['a resource without instances', editJson((s) => void delete s.resources[0].instances), 'resource (number 1)'],
    ['instances that are null', editJson((s) => void (s.resources[0].instances = null)), 'resource (number 1)'],
    ['an instance that is null', editJson((s) => void (s.resources[0].instances = [null])), 'fake_thing.a'],
    ['an instance whose attributes are a string', editJson((s) => void (s.resources[0].instances[0].attributes = 'x')), 'fake_thing.a'],
    ['an instance whose index_key is an object', editJson((s) => void (s.resources[0].instances[0].index_key = { k: 1 })), 'fake_thing.a'],
    ['a resource whose mode is "bogus"', editJson((s) => void (s.resources[0].mode = 'bogus')), 'mode "bogus"'],
    ['a resource without provider', editJson((s) => void delete s.resources[0].provider), 'fake_thing.a'],
    ['the same resource twice', editJson((s) => void s.resources.push(s.resources[0])), 'fake_thing.a twice'],
    ['the same instance twice', editJson((s) => void s.resources[0].instances.push(s.resources[0].instances[0])), 'fake_thing.a twice'],
    ['outputs that are a string', editJson((s) => void (s.outputs = 'x')), 'outputs'],
    ['an output that is null', editJson((s) => void (s.outputs = { o: null })), 'output o'],
    ['dependencies that are a string', editJson((s) => void (s.resources[0].instances[0].dependencies = 'fake_thing.b')), 'fake_thing.a'],
    ['a resource name that is a number', editJson((s) => void (s.resources[0].name = 7)), 'resource (number 1)'],
  ];
  const cases = table.map(([what, edit, words]) =>
    stackCase({
      group: 'state file',
      name: `a state file holding ${what}, read by plan`,
      refusal: stateRefusal(words),
      before: [['apply', '-auto-approve']],
      files: { [STATE]: edit },
    }),
  );
  // the commands that only look read the state through other paths
  const lookers: [string, string[]][] = [
    ['state list', ['state', 'list']],
    ['output', ['output']],
    ['show', ['show']],
    ['state show', ['state', 'show', 'fake_thing.a']],
    ['apply', ['apply', '-auto-approve']],
  ];
  for (const [what, edit, words] of table.filter(([w]) =>
    ['null', 'its first half only', 'an instance that is null', 'the same resource twice', 'outputs that are a string'].includes(w),
  )) {
    for (const [command, args] of lookers) {
      cases.push(
        stackCase({
          group: 'state file',
          name: `a state file holding ${what}, read by ${command}`,
          refusal: stateRefusal(words),
          before: [['apply', '-auto-approve']],
          files: { [STATE]: edit },
          args,
        }),
      );
    }
  }
  return cases;
}

function lockCases(): AdversarialCase[] {
  const table: [string, string, string][] = [
    ['garbage', 'garbage', 'it is not JSON'],
    ['its first half only', '{"ID": "0a1b", "Operation": "Oper', 'it is not JSON'],
    ['null', 'null', 'it holds JSON, but not an object'],
    ['a list', '[]', 'it holds JSON, but not an object'],
    ['an empty object', '{}', 'it has no lock ID'],
    ['a numeric ID', '{"ID": 5}', 'it has no lock ID'],
    ['a Pid that is a word', '{"ID": "x", "Pid": "abc"}', 'its Pid "abc" is not a process id'],
    ['nothing', '', 'it is empty'],
    ['binary garbage', '\u0000\u0001\u00ff', 'it is not JSON'],
  ];
  const refusal = (words: string) => new RegExp(`The lock file .*${esc(LOCK)} is not a state lock: ${esc(words)}[\\s\\S]*remove the file`);
  const cases = table.map(([what, text, words]) =>
    stackCase({ group: 'lock file', name: `a lock file holding ${what}`, refusal: refusal(words), files: { [LOCK]: text } }),
  );
  cases.push(
    stackCase({
      group: 'lock file',
      name: 'a lock file holding garbage, with force-unlock',
      refusal: /Failed to unlock state[\s\S]*The lock file .*lock\.info is not a state lock: it is not JSON/,
      files: { [LOCK]: 'garbage' },
      args: ['force-unlock', '-force', 'abc'],
    }),
    stackCase({
      group: 'lock file',
      name: 'a lock file holding null, with apply',
      refusal: refusal('it holds JSON, but not an object'),
      files: { [LOCK]: 'null' },
      args: ['apply', '-auto-approve'],
    }),
  );
  return cases;
}

/** A journal beside the state a first apply wrote: its begin line, then `records`. */
const journal =
  (...records: string[]): FileEdit =>
  (_current, dir) => {
    const state = JSON.parse(fs.readFileSync(path.join(dir, STATE), 'utf8')) as Json;
    return `${JSON.stringify({ t: 'begin', lineage: state.lineage, serial: state.serial })}\n${records.join('\n')}\n`;
  };
const META = { mode: 'managed', type: 'fake_thing', name: 'b', provider: 'provider["registry.terraform.io/example/fake"]' };
const SET_B = JSON.stringify({
  t: 'set',
  meta: META,
  address: 'fake_thing.b',
  instance: { schema_version: 0, attributes: { id: 'x', name: 'b' }, sensitive_attributes: [] },
});
const REMOVE_A = JSON.stringify({ t: 'remove', address: 'fake_thing.a' });

function journalCases(): AdversarialCase[] {
  const refusal = (words: string) => new RegExp(`The journal .*${esc(JOURNAL)} [\\s\\S]*${esc(words)}[\\s\\S]*Move it away`);
  const table: [string, FileEdit, string][] = [
    ['a garbage line before the last', journal('garbage', REMOVE_A), 'record 2 is not JSON'],
    ['a number as a record', journal('42', REMOVE_A), 'record 2 is not a journal record'],
    ['null as a record', journal('null', REMOVE_A), 'record 2 is not a journal record'],
    ['a list as a record', journal('[]', REMOVE_A), 'record 2 is not a journal record'],
    ['a record of an unknown kind', journal('{"t":"explode"}', REMOVE_A), 'record 2 is not a journal record'],
    ['a kind that is a number', journal('{"t":5}', REMOVE_A), 'record 2 is not a journal record'],
    [
      'a set record whose instance is a string',
      journal('{"t":"set","meta":{},"address":"fake_thing.b","instance":"x"}', REMOVE_A),
      'record 2 is not a journal record',
    ],
    [
      'a set record whose meta is empty',
      journal('{"t":"set","meta":{},"address":"fake_thing.b","instance":{"attributes":{}}}', REMOVE_A),
      'record 2',
    ],
    [
      'a set record whose address is not an address',
      journal(SET_B.replace('"address":"fake_thing.b"', '"address":"!!!"'), REMOVE_A),
      'record 2',
    ],
    ['a set record whose attributes are null', journal(SET_B.replace('{"id":"x","name":"b"}', 'null'), REMOVE_A), 'record 2'],
    ['a remove record whose address is a number', journal('{"t":"remove","address":7}', REMOVE_A), 'record 2 is not a journal record'],
    ['an intent without action', journal('{"t":"intent","address":"fake_thing.b"}', REMOVE_A), 'record 2 is not a journal record'],
    [
      'a begin line whose serial is a word',
      () => `{"t":"begin","lineage":"x","serial":"one"}\n${REMOVE_A}\n`,
      'record 1 is not a journal record',
    ],
    ['a garbage first line', () => `garbage\n${REMOVE_A}\n`, 'record 1 is not JSON'],
  ];
  const cases = table.map(([what, edit, words]) =>
    stackCase({
      group: 'journal',
      name: `a journal with ${what}`,
      refusal: refusal(words),
      before: [['apply', '-auto-approve']],
      files: { [JOURNAL]: edit },
    }),
  );
  cases.push(
    stackCase({
      group: 'journal',
      name: 'a journal with no snapshot beside it and garbage as its starting state',
      refusal: refusal('its second line is not the state it started from'),
      files: { [JOURNAL]: '{"t":"begin","lineage":"x","serial":0}\ngarbage\n' },
    }),
    stackCase({
      group: 'journal',
      name: 'a journal with no snapshot beside it and null resources in its starting state',
      refusal: refusal('its second line is not the state it started from'),
      files: {
        [JOURNAL]: [
          '{"t":"begin","lineage":"x","serial":0}',
          '{"version":4,"serial":0,"lineage":"x","resources":null}',
          '{"t":"remove","address":"fake_thing.a"}',
          '',
        ].join('\n'),
      },
    }),
    stackCase({
      group: 'journal',
      name: 'a journal with garbage, read by state list',
      refusal: refusal('record 2 is not JSON'),
      before: [['apply', '-auto-approve']],
      files: { [JOURNAL]: journal('garbage', REMOVE_A) },
      args: ['state', 'list'],
    }),
    stackCase({
      group: 'journal',
      name: 'a journal whose torn last line is the end of a killed apply, replayed',
      before: [['apply', '-auto-approve']],
      files: { [JOURNAL]: journal(SET_B, '{"t":"remove","addr') },
      args: ['state', 'list'],
      check: (r) => (r.out.includes('fake_thing.b') ? undefined : `the records before the torn line were not replayed: ${r.out}`),
    }),
  );
  return cases;
}

/** Rewrites a saved plan's body with `edit`, and its checksum to match unless `fixChecksum` is false. */
const tamperPlan =
  (edit: (body: Json) => unknown, fixChecksum = true): FileEdit =>
  (text) => {
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as Json;
    const body = JSON.parse(text.slice(newline + 1)) as Json;
    const replaced = edit(body);
    const payload = typeof replaced === 'string' ? replaced : JSON.stringify(replaced === undefined ? body : replaced);
    if (fixChecksum) header.sha256 = createHash('sha256').update(payload).digest('hex');
    return `${JSON.stringify(header)}\n${payload}`;
  };
const editHeader =
  (edit: (h: Json) => void): FileEdit =>
  (text) => {
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as Json;
    edit(header);
    return `${JSON.stringify(header)}\n${text.slice(newline + 1)}`;
  };

function planCases(): AdversarialCase[] {
  const malformed = (words: string) =>
    new RegExp(`The saved plan .*${esc(PLAN)} is malformed[\\s\\S]*${esc(words)}[\\s\\S]*Make the plan again`);
  const table: [string, FileEdit, RegExp][] = [
    ['a null plan', tamperPlan((b) => void (b.plan = null)), malformed('It has no plan')],
    ['its first half only', (t) => t.slice(0, Math.floor(t.length / 2)), /The saved plan .*tfplan was changed after it was written/],
    [
      'a body edited without its checksum',
      tamperPlan((b) => void (b.variables = { x: 1 }), false),
      /The saved plan .*tfplan was changed after it was written/,
    ],
    ['a header of another format', editHeader((h) => void (h.format = 'terraform-plan')), /tfplan is not a (gridform )?saved plan/],
    [
      'a header of version 1',
      editHeader((h) => void (h.version = 1)),
      /tfplan is a saved plan of format version 1[\s\S]*Make the plan again/,
    ],
    [
      'a header of version "2" as a string',
      editHeader((h) => void (h.version = '2')),
      /tfplan is a saved plan of format version "2"[\s\S]*Make the plan again/,
    ],
    ['a body that is not JSON (checksum recomputed)', tamperPlan(() => '{"plan": '), malformed('It is not JSON')],
    ['no origin', tamperPlan((b) => void delete b.origin), malformed('It has no origin')],
    ['variables that are a list', tamperPlan((b) => void (b.variables = [])), malformed('Its variables are not an object')],
    ['a null configuration', tamperPlan((b) => void (b.configuration = null)), malformed('It has no configuration')],
    ['changes that are not a list', tamperPlan((b) => void (b.plan.changes = 'all')), malformed('It has no plan')],
    ['a change that is null', tamperPlan((b) => void (b.plan.changes = [null])), malformed('change 1')],
    ['a change of an unknown action', tamperPlan((b) => void (b.plan.changes[0].action = 'explode')), malformed('change 1')],
    ['a change whose address is a number', tamperPlan((b) => void (b.plan.changes[0].address = 5)), malformed('change 1')],
    ['a change whose after is a string', tamperPlan((b) => void (b.plan.changes[0].after = 'x')), malformed('change 1')],
    ['an output change that is null', tamperPlan((b) => void (b.plan.outputs = [null])), malformed('output')],
    [
      'validation rules left for apply that do not name their variable',
      tamperPlan((b) => void (b.plan.deferredValidations = [{ module: 'module.a' }])),
      malformed('validation rules left for apply'),
    ],
    ['a null refreshed state', tamperPlan((b) => void (b.plan.refreshedState = null)), malformed('no refreshed state')],
    [
      'a refreshed state with null resources',
      tamperPlan((b) => void (b.plan.refreshedState.resources = null)),
      malformed('refreshed state'),
    ],
    ['a stack name that is a number', tamperPlan((b) => void (b.origin.stackName = 7)), malformed('origin')],
    [
      'a prior state whose serial is a word',
      tamperPlan((b) => void (b.origin.priorState = { lineage: 'x', serial: 'one', sha256: 'x' })),
      malformed('origin'),
    ],
    ['an empty file', '', /tfplan is not a (gridform )?saved plan/],
    ['a header that is not JSON', (t) => `{"format":"gridform-plan",${t}`, /tfplan is not a (gridform )?saved plan/],
  ];
  const cases = table.map(([what, edit, re]) =>
    stackCase({
      group: 'saved plan',
      name: `a saved plan with ${what}, applied`,
      refusal: re,
      before: [['plan', `-out=${PLAN}`]],
      files: { [PLAN]: edit },
      args: ['apply', PLAN],
    }),
  );
  for (const [what, edit, re] of table.filter(([w]) =>
    ['a null plan', 'a change that is null', 'a null refreshed state', 'an empty file'].includes(w),
  )) {
    cases.push(
      stackCase({
        group: 'saved plan',
        name: `a saved plan with ${what}, shown`,
        refusal: re,
        before: [['plan', `-out=${PLAN}`]],
        files: { [PLAN]: edit },
        args: ['show', '-json', PLAN],
      }),
    );
  }
  cases.push(
    stackCase({ group: 'saved plan', name: 'a saved plan that does not exist', refusal: /nothing-here/, args: ['apply', 'nothing-here'] }),
  );
  return cases;
}

export function fileCases(): AdversarialCase[] {
  return [...stateCases(), ...lockCases(), ...journalCases(), ...planCases()];
}
