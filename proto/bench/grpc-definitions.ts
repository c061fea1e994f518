// npm run bench, proto part: what loading the chain's and the node's gRPC services costs a fresh
// process (every gridform command, chain-sim and zos-sim process, and test that opens a client or
// a server pays it once). Each variant runs in a new node process, 7 times; the figure is the median
// CPU time (user + system) and wall time from before its first require to services ready, with
// @grpc/grpc-js's own loading included in all (measured alone as the floor). Reference: @grpc/proto-loader
// parsing the .proto files, as before; goal: what the JSON costs beyond grpc-js at most half of that.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

const RUNS = 7;
const GOAL_FACTOR = 2;
const SRC = path.resolve(__dirname, '..', 'src');
const DEFS = path.resolve(__dirname, '..', 'defs').replace(`${path.sep}dist${path.sep}`, path.sep);
const JSON_DIR = path.resolve(__dirname, '..', 'generated').replace(`${path.sep}dist${path.sep}`, path.sep);
const MISSING_JSON = path.join(os.tmpdir(), 'gridform-bench-no-such.json');

const MEASURE = (body: string) => `
const cpu0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
${body}
const cpu = process.cpuUsage(cpu0); const wall = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs: wall }));`;

const VARIANTS: { name: string; script: string }[] = [
  { name: '@grpc/grpc-js alone (the floor)', script: MEASURE(`require('@grpc/grpc-js');`) },
  {
    name: '@grpc/proto-loader parsing .proto (before)',
    script: MEASURE(`
const grpc = require('@grpc/grpc-js'); const loader = require('@grpc/proto-loader');
const options = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true };
for (const f of ['chain.proto', 'node.proto']) grpc.loadPackageDefinition(loader.loadSync(${JSON.stringify(DEFS)} + '/' + f, options));`),
  },
  {
    name: 'protobufjs parsing .proto (fallback, no JSON)',
    script: MEASURE(`
const s = require(${JSON.stringify(path.join(SRC, 'grpc-services'))});
for (const f of ['chain', 'node'])
  s.grpcServices(s.loadProtoRoot(${JSON.stringify(MISSING_JSON)}, ${JSON.stringify(DEFS)} + '/' + f + '.proto'));`),
  },
  {
    name: 'generated protobufjs JSON, light (now)',
    script: MEASURE(`
const s = require(${JSON.stringify(path.join(SRC, 'grpc-services'))});
for (const f of ['chain', 'node'])
  s.grpcServices(s.loadProtoRoot(${JSON.stringify(JSON_DIR)} + '/' + f + '.json', ${JSON.stringify(DEFS)} + '/' + f + '.proto'));`),
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(script: string): { cpuMs: number; wallMs: number } {
  const runs: { cpuMs: number; wallMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' });
    runs.push(JSON.parse(out) as { cpuMs: number; wallMs: number });
  }
  return { cpuMs: median(runs.map((r) => r.cpuMs)), wallMs: median(runs.map((r) => r.wallMs)) };
}

function main(): void {
  console.log(`proto: loading the chain and node gRPC services in a fresh process (median of ${RUNS}, CPU = user + system)`);
  const figures = VARIANTS.map((v) => ({ name: v.name, ...measure(v.script) }));
  for (const f of figures)
    console.log(`  ${f.name.padEnd(46)} CPU ${f.cpuMs.toFixed(0).padStart(4)} ms   wall ${f.wallMs.toFixed(0).padStart(4)} ms`);
  const floor = figures[0].cpuMs;
  const before = figures[1].cpuMs - floor;
  const now = figures[3].cpuMs - floor;
  const verdict = now * GOAL_FACTOR <= before ? 'met' : 'NOT met';
  console.log(
    `  beyond grpc-js: now ${now.toFixed(0)} ms CPU, before ${before.toFixed(0)} ms (the issue said 300-450 ms wall per process);` +
      ` goal <= ${(before / GOAL_FACTOR).toFixed(0)} ms: ${verdict}`,
  );
}

main();
