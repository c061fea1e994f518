// Unit tests of the gitops app with cdktf's Testing matchers (no grid or database needed).
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Deployment, Network } from 'gridform';
import { GitopsStack } from './stack';

Testing.setupJest();

describe('gitops stack', () => {
  const synth = (sites?: string[]) => Testing.synth(new GitopsStack(Testing.app(), 'web', { sites }));

  it('keeps its state in PostgreSQL without writing the connection string into the configuration', () => {
    const doc = JSON.parse(synth()) as { terraform: { backend: { pg: Record<string, unknown> } } };
    expect(doc.terraform.backend.pg).toEqual({ conn_str: '', schema_name: 'gridform_gitops' });
  });

  it('declares the network and one VM per site', () => {
    const synthesized = synth(['www', 'api']);
    expect(synthesized).toHaveResourceWithProperties(Network, { name: 'gitops', ip_range: '10.20.0.0/16' });
    expect(synthesized).toHaveResourceWithProperties(Deployment, {
      vms: [expect.objectContaining({ name: 'www' }), expect.objectContaining({ name: 'api' })],
    });
  });
});
