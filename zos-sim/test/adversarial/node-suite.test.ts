// The node's part of the adversarial suite (npm run adversarial prints it as a table), on real
// node servers and a real chain process: every attack of one twin on another's deployments is
// refused, and every malformed request is refused with the message expected of it.
import { judge } from '../../../proto/test/adversarial/verdict';
import { nodeCases, startNodeScene, type NodeScene } from './node-cases';

let scene: NodeScene | undefined;
const cases = nodeCases(() => scene!);

describe('node adversarial suite', () => {
  beforeAll(async () => {
    scene = await startNodeScene();
  });
  afterAll(() => scene?.h.stop());

  it.each(cases.map((c) => [`${c.kind === 'attack' ? 'attack refused' : `${c.group} refused clearly`}: ${c.name}`, c] as const))(
    '%s',
    async (_title, c) => {
      const r = await judge('zos-sim', c);
      expect({ verdict: r.verdict, seen: r.seen }).toEqual({ verdict: 'clear', seen: undefined });
    },
  );
});
