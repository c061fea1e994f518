// import ADDRESS ID: bring an existing object under management. The address must be declared in
// the configuration; the provider reads the object by its ID and it is written to the state.
import { error, type Diagnostic } from '../../diagnostics';
import { parseInstanceAddress } from '../../addresses/address';
import { importObject } from '../../plan/import-object';
import { boolFlag, flag } from '../args';
import { report, say, stackFor, type CommandContext } from '../context';
import { openSession } from '../session';
import { parseDuration } from '../state-lock';

export async function importCommand(ctx: CommandContext): Promise<number> {
  const [address, id] = ctx.args.positional;
  const lockTimeoutMs = parseDuration(flag(ctx.args, 'lock-timeout'));
  if (lockTimeoutMs === undefined) {
    const given = JSON.stringify(flag(ctx.args, 'lock-timeout'));
    return (report(ctx, [error('Invalid value for -lock-timeout', `-lock-timeout takes a duration such as 30s or 2m, not ${given}.`)]), 1);
  }
  const a = parseInstanceAddress(address);
  if (!a || a.resource.startsWith('data.'))
    return (
      report(ctx, [
        error(`Invalid address ${address}`, 'import takes a managed resource address: type.name, type.name[0] or type.name["key"].'),
      ]),
      1
    );
  const { stack, diagnostics } = await stackFor(ctx, true);
  if (report(ctx, diagnostics) || !stack) return 1;
  const opened = await openSession(stack, {
    factories: ctx.options.providers,
    lock: boolFlag(ctx.args, 'lock', true),
    lockTimeoutMs,
    operation: 'OperationImport',
    version: ctx.options.version,
    inputs: { env: ctx.io.env, vars: ctx.args.flags.get('var') ?? [], varFiles: ctx.args.flags.get('var-file') ?? [], cwd: ctx.cwd },
  });
  if (report(ctx, opened.diagnostics) || !opened.session) return 1;
  const s = opened.session;
  try {
    const rc = s.config.resources.get(a.resource);
    if (!rc)
      return (
        report(ctx, [
          error(
            'Configuration for import target does not exist',
            `The configuration has no ${a.resource}. Add it (in CDKTF: the construct) ` +
              `before importing, so gridform knows how to manage it.`,
            { address },
          ),
        ]),
        1
      );
    if (s.state.instance(address))
      return (
        report(ctx, [
          error(
            'Resource already managed by gridform',
            `${address} is already in the state; remove it with "gridform state rm ${address}" first to import another object there.`,
            { address },
          ),
        ]),
        1
      );
    const p = s.providers.get(rc.provider)!;
    say(ctx, `${address}: Importing from ID "${id}"...\n`);
    const diags: Diagnostic[] = [];
    const ok = await importObject(p, rc, address, id, s.state, diags);
    if (report(ctx, diags) || !ok) return 1;
    s.state.file.serial++;
    await s.backend.write(s.state.file);
    say(
      ctx,
      `${address}: Import prepared!\n\nImport successful!\n\n` +
        `The resources that were imported are shown above. These resources are now in\n` +
        `your gridform state and will henceforth be managed by gridform.\n`,
    );
    return 0;
  } finally {
    await s.close();
  }
}
