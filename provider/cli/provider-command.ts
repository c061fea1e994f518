// `gridform provider install`: puts terraform-provider-grid where terraform finds it, and says
// what it did and what to run next.
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { helpText, type ExtraCommand } from '../../engine';
import { PROVIDER_SPEC, parseOptions } from './command-specs';
import { CDKTF_SOURCE, installDevOverrides, installMirror, TERRAFORM_SOURCE } from './provider-install';

export const providerCommand: Pick<ExtraCommand, 'run'> = {
  async run(argv, io) {
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: parseOptions(PROVIDER_SPEC) });
    const values = parsed.values as { 'dev-overrides'?: boolean; json?: boolean };
    if (parsed.positionals[0] !== 'install') return (io.stderr.write(helpText(['provider'], PROVIDER_SPEC, '--')), 1);
    const home = io.env.HOME ?? os.homedir();
    // dev overrides belong to this checkout, not to a grid: in ~/.gridform whatever GRIDFORM_HOME says
    const installed = values['dev-overrides'] ? installDevOverrides(path.join(home, '.gridform')) : installMirror(home);
    if (values.json) return (io.stdout.write(JSON.stringify(installed, null, 2) + '\n'), 0);
    if (installed.mode === 'mirror') {
      io.stdout.write(
        `Installed ${TERRAFORM_SOURCE} ${installed.version} in terraform's implied local mirror:\n  ${installed.binary}\n` +
          `and the same provider as ${CDKTF_SOURCE} (the source the CDKTF constructs synthesize):\n` +
          `  ${installed.binaries[CDKTF_SOURCE]}\n` +
          `terraform init now finds it with no registry for HCL that says\n` +
          `  required_providers { grid = { source = "threefoldtech/grid" } }\n` +
          `and cdktf deploy / destroy run it through the real terraform binary.\n`,
      );
      if (installed.replacedDifferent)
        io.stdout.write(
          `It replaced a different install of the same version: in folders whose .terraform.lock.hcl records the old\n` +
            `one, run terraform init -upgrade so the lock file takes the new hash.\n`,
        );
      return 0;
    }
    io.stdout.write(
      `Wrote a terraform CLI configuration with dev_overrides for ${TERRAFORM_SOURCE}:\n  ${installed.cliConfig}\n` +
        `runs ${installed.binary}\n` +
        `Use it with: export TF_CLI_CONFIG_FILE=${installed.cliConfig}\n` +
        `(terraform plan/apply then need no terraform init; terraform warns that overrides are in effect)\n`,
    );
    return 0;
  },
};
