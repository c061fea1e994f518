// The composition root of `terraform-provider-grid`: the grid provider served over terraform's
// plugin protocol by the engine's generic plugin server. Started by terraform (through the
// wrapper beside this file, which execs node on launch.ts: this file, or its one-file bundle);
// run by hand it says what it is and exits.
import { notStartedByTerraform, servePlugin } from '../../engine/src/plugin-server/serve';
import { PLUGIN_PROTO_DIR, PLUGIN_PROTOCOL_JSON } from '../../proto/src/plugin-protos';

async function main(): Promise<number> {
  const message = notStartedByTerraform(process.env, 'terraform-provider-grid');
  if (message) {
    process.stderr.write(message);
    return 1;
  }
  // Ctrl-C reaches the whole process group: terraform then calls StopProvider, and running
  // changes must finish so that what they made lands in terraform's state
  process.on('SIGINT', () => {});
  // the grid provider loads on the first call, after the handshake: terraform waits less for each process
  const gridProvider = () => {
    const { GridProviderImpl } = require('../src/grid-provider') as typeof import('../src/grid-provider');
    return new GridProviderImpl(process.env);
  };
  const plugin = await servePlugin(gridProvider, {
    protoDir: PLUGIN_PROTO_DIR,
    protocolJson: PLUGIN_PROTOCOL_JSON,
    name: 'terraform-provider-grid',
  });
  await plugin.done;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`terraform-provider-grid: ${err.message}\n`);
    process.exit(1);
  },
);
