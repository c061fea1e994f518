// graph: the dependency graph of the configuration in DOT, for Graphviz.
import { report, say, stackFor, type CommandContext } from '../context';
import { loadStackConfig } from '../stack-config';

export async function graphCommand(ctx: CommandContext): Promise<number> {
  const { stack, diagnostics } = await stackFor(ctx, true);
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
