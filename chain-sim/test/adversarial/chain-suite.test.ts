// The chain's part of the adversarial suite (npm run adversarial prints it as a table), on a real
// chain server: every attack of one twin on another's contracts or on the admin service is
// refused, and every malformed extrinsic, call or request is refused with the message expected.
import { judge } from '../../../proto/test/adversarial/verdict';
import { chainCases, startChainScene, type ChainScene } from './chain-cases';

let scene: ChainScene | undefined;
const cases = chainCases(() => scene!);

describe('chain adversarial suite', () => {
  beforeAll(async () => {
    scene = await startChainScene();
  });
  afterAll(() => scene?.t.close());

  it.each(cases.map((c) => [`${c.kind === 'attack' ? 'attack refused' : `${c.group} refused clearly`}: ${c.name}`, c] as const))(
    '%s',
    async (_title, c) => {
      const r = await judge('chain-sim', c);
      expect({ verdict: r.verdict, seen: r.seen }).toEqual({ verdict: 'clear', seen: undefined });
    },
  );
});
