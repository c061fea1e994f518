// graph: the dependency graph of the configuration in DOT, for Graphviz.
import { flag } from '../args';
import { report, say, type CommandContext } from '../context';
import { loadStackConfig } from '../stack-config';
import { resolveStack } from '../workdir';

export async function graphCommand(ctx: CommandContext): Promise<number> {
  const { stack, diagnostics } = await resolveStack(ctx.cwd, { synth: true, stack: flag(ctx.args, 'stack'), log: (l) => ctx.io.stderr.write(l + '\n') });
  if (report(ctx, diagnostics) || !stack) return 1;
  const { graph, diagnostics: gd } = loadStackConfig(stack);
  if (report(ctx, gd) || !graph) return 1;
  const lines = ['digraph {', '  compound = "true"', '  newrank = "true"', '  subgraph "root" {'];
  for (const a of graph.order) lines.push(`    "${a}" [label="${a}"];`);
  for (const a of graph.order) for (const d of [...(graph.deps.get(a) ?? [])].sort()) lines.push(`    "${a}" -> "${d}";`);
  lines.push('  }', '}');
  say(ctx, lines.join('\n') + '\n');
  return 0;
}
