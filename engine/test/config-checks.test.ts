// What terraform checks when it reads a configuration, checked by gridform too: each refusal
// names the block (and the file), plan and validate alike, and nothing of the configuration is
// skipped in silence.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('configuration checks', () => {
  let stack: StackFolder;
  let provider: FakeProvider;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);

  beforeEach(() => {
    stack = new StackFolder();
    provider = new FakeProvider();
  });
  afterEach(() => stack.remove());

  describe('module blocks', () => {
    it('are refused, naming each module, its source and the file, by plan and validate alike', async () => {
      const modules = { net: { source: './modules/net', cidr: '10.0.0.0/16' }, dns: [{ source: 'hashicorp/dns/aws', version: '1.0.0' }] };
      stack.write(fakeStack({ web: { name: 'web' } }, { module: modules }));
      for (const command of ['plan', 'validate']) {
        const r = await cli(command);
        expect(r.code).toBe(1);
        expect(r.err.match(/Error: Modules are not supported yet/g)).toHaveLength(2);
        expect(r.err).toContain('module "net" (source "./modules/net") in ');
        expect(r.err).toContain('cdk.tf.json would not be planned');
        expect(r.err).toContain('module "dns" (source "hashicorp/dns/aws")');
      }
      expect(provider.calls).toEqual([]);
    });

    it('are refused when the module folder does not exist, and without a source', async () => {
      stack.write(fakeStack({}, { module: { gone: { source: './nowhere' }, bare: {} } }));
      const r = await cli('plan');
      expect(r.code).toBe(1);
      expect(r.err).toContain('module "gone" (source "./nowhere")');
      expect(r.err).toContain('module "bare" in ');
    });
  });
});
