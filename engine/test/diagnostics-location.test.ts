// Diagnostics say where they are as terraform says it for a .tf.json file: "with ADDRESS,", then
// "on FILE line N, in CONTEXT:" (the innermost object or array around the subject) and the line;
// the same place is the range and snippet of the JSON form. List elements are named by path.
import { error } from '../src/diagnostics';
import { JsonSource } from '../src/config/json-source';
import { diagnosticJson, renderDiagnostics } from '../src/cli/diagnostics-view';

const doc = {
  provider: { grid: [{ network: 'local' }, { alias: 'eu', network: 'main' }] },
  resource: {
    grid_name_proxy: { p1: { name: 'app', backends: ['http://10.1.2.2:80', 'example.com'] } },
    grid_deployment: { vm: { count: 2, vms: [{ name: 'web', memory: 128, env_vars: { A: 'é' } }] } },
  },
  output: { ip: { value: '${grid_deployment.vm[0].vms[0].ip}' } },
};
const text = JSON.stringify(doc, null, 2);
const source = { filename: 'cdk.tf.json', json: JsonSource.parse(text)! };
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const render = (d: ReturnType<typeof error>) => renderDiagnostics([d], { enabled: false }, source);

describe('where a diagnostic points', () => {
  it('a list element: its own line, in the list, named by its path', () => {
    const where = { address: 'grid_name_proxy.p1', attributePath: ['backends', 1] };
    const d = error('Invalid backends[1]', 'backends[1] is "example.com"; it must be IP:PORT.', where);
    const n = lineOf('"example.com"');
    expect(render(d)).toBe(
      '\nError: Invalid backends[1]\n\n  with grid_name_proxy.p1,\n' +
        `  on cdk.tf.json line ${n}, in resource.grid_name_proxy.p1.backends:\n${String(n).padStart(4)}:           "example.com"\n\n` +
        'backends[1] is "example.com"; it must be IP:PORT.\n',
    );
  });

  it('an attribute of a nested block of an instance: the block is the context', () => {
    const where = { address: 'grid_deployment.vm[1]', attributePath: ['vms', 0, 'memory'] };
    const j = diagnosticJson(error('Invalid memory', 'x', where), source);
    const n = lineOf('"memory": 128');
    const at = expect.objectContaining({ line: n });
    expect(j.range).toEqual({ filename: 'cdk.tf.json', start: at, end: at });
    expect(j.snippet).toMatchObject({ context: 'resource.grid_deployment.vm.vms[0]', code: '            "memory": 128,', start_line: n });
    const { highlight_start_offset: s, highlight_end_offset: e } = j.snippet!;
    expect(j.snippet!.code.slice(s, e)).toBe('128');
    expect(j.address).toBe('grid_deployment.vm[1]');
  });

  it('columns count characters and bytes count UTF-8', () => {
    const j = diagnosticJson(error('Bad', 'x', { address: 'grid_deployment.vm', attributePath: ['vms', 0, 'env_vars', 'A'] }), source);
    const line = text.split('\n')[j.range!.start.line - 1];
    expect(line).toContain('"A": "é"');
    expect(j.range!.end.column - j.range!.start.column).toBe(3);
    expect(j.range!.end.byte - j.range!.start.byte).toBe(4);
  });

  it('an attribute that is not written points at the closing brace of its block, as terraform does', () => {
    const j = diagnosticJson(error('Missing required argument', 'x', { address: 'grid_name_proxy.p1', attributePath: ['node'] }), source);
    expect(j.snippet).toMatchObject({ context: 'resource.grid_name_proxy.p1', code: '      }' });
    expect(j.snippet!.start_line).toBe(lineOf('"example.com"') + 2);
  });

  it('a diagnostic about a whole resource points at the closing brace of its block, as terraform does', () => {
    const j = diagnosticJson(error('Cannot create it', 'The node said no.', { address: 'grid_name_proxy.p1' }), source);
    expect(j.snippet).toMatchObject({ context: 'resource.grid_name_proxy.p1', code: '      }', start_line: lineOf('"example.com"') + 2 });
  });

  it('a provider block by its alias, an output by its configuration path', () => {
    const p = diagnosticJson(error('Bad network', 'x', { address: 'provider.grid.eu', attributePath: ['network'] }), source);
    expect(p.snippet).toMatchObject({ context: 'provider.grid[1]', code: '        "network": "main"' });
    const o = diagnosticJson(error('Invalid value for output ip', 'x', { configPath: ['output', 'ip', 'value'] }), source);
    expect(o.snippet).toMatchObject({ context: 'output.ip', start_line: lineOf('"value": "${grid_deployment') });
    expect(o.address).toBeUndefined();
  });

  it('without a configuration file, the address and the attribute path still say where', () => {
    const d = error('Invalid memory', 'detail', { address: 'grid_deployment.vm', attributePath: ['vms', 0, 'memory'] });
    expect(renderDiagnostics([d], { enabled: false })).toBe(
      '\nError: Invalid memory\n\n  with grid_deployment.vm,\n  in resource.grid_deployment.vm.vms[0].memory:\n\ndetail\n',
    );
    const j = diagnosticJson(d, undefined);
    expect(j).toEqual({ severity: 'error', summary: 'Invalid memory', detail: 'detail', address: 'grid_deployment.vm' });
  });

  it('a configuration written on one line shows the part of it around the subject', () => {
    const one = { filename: 'cdk.tf.json', json: JsonSource.parse(JSON.stringify({ ...doc, padding: 'x'.repeat(500) }))! };
    const d = error('Invalid memory', 'd', { address: 'grid_deployment.vm', attributePath: ['vms', 0, 'memory'] });
    const out = renderDiagnostics([d], { enabled: false }, one);
    const shown = out.split('\n').find((l) => l.startsWith('   1: '))!;
    expect(shown).toContain('"memory":128');
    expect(shown.length).toBeLessThan(180);
  });
});
