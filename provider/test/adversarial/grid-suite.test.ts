// The grid provider's part of the adversarial suite (npm run adversarial prints it as a table):
// CDKTF apps with unknown attributes, values of the wrong type or out of range are refused at
// plan time naming the attribute path, against a real chain; what terraform converts plans as
// terraform would. Also: the two copies of the suite's verdict stay the same.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { judge } from '../../../engine/test/adversarial/verdict';
import { gridCases } from './grid-cases';
import { startGridScene, type GridScene } from './grid-scene';

let scene: GridScene | undefined;
const cases = gridCases(() => scene!);
const REPO = path.resolve(__dirname, '..', '..', '..');

describe('grid provider adversarial suite', () => {
  beforeAll(async () => {
    scene = await startGridScene();
  });
  afterAll(() => scene?.stop());

  it("judges the gRPC parts' cases as the engine's: both copies of the verdict are the same file", () => {
    const copy = (folder: string) => fs.readFileSync(path.join(REPO, folder, 'test', 'adversarial', 'verdict.ts'), 'utf8');
    expect(copy('proto')).toBe(copy('engine'));
  });

  it.each(
    cases.map(
      (c) => [c.refusal ? `refused at plan time, naming the attribute: ${c.name}` : `planned as terraform does: ${c.name}`, c] as const,
    ),
  )('%s', async (_title, c) => {
    const r = await judge('provider', c);
    expect({ verdict: r.verdict, seen: r.seen }).toEqual({ verdict: c.refusal ? 'clear' : 'accepted', seen: undefined });
  });
});
