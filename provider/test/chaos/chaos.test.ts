// The short seeded chaos run that is part of npm test (the full run is `npm run chaos`): a grid
// stack and 300 terraform_data on pg SIGKILLed at a seeded point, and a chain outage of 2 s mid
// apply, each re-applied once, checked against chain and nodes, destroyed and checked empty.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { killAllGrids } from './grid';
import { killAllRunning } from './processes';
import { renderReport } from './report';
import { runChaos, stopPg, type RunConfig } from './run-chaos';

jest.setTimeout(180_000);

describe('chaos, short seeded run', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-chaos-test-'));
  afterAll(() => {
    killAllRunning();
    killAllGrids();
    stopPg();
  });

  it('every trial holds: converged with one re-apply, nothing lost, no orphan, nothing left after destroy', async () => {
    const cfg: RunConfig = {
      kinds: ['kill-grid-local', 'kill-data-pg', 'chain-outage'],
      trials: 1,
      seed: 12,
      dataCount: 300,
      outageSeconds: 2,
      nodes: 3,
      concurrency: 4,
      workDir,
      trialTimeoutMs: 150_000,
      log: () => undefined,
    };
    const results = await runChaos(cfg);
    const report = renderReport(results, cfg.seed, cfg.kinds);
    expect(results.map((r) => `${r.kind} #${r.trial}`)).toEqual(['kill-grid-local #1', 'kill-data-pg #1', 'chain-outage #1']);
    // the report names what did not hold; the same seed replays it with npm run chaos
    expect(results.filter((r) => r.status !== 'held').length ? report : 'all held').toBe('all held');
    fs.rmSync(workDir, { recursive: true, force: true });
  });
});
