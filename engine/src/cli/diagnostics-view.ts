// Renders diagnostics as Terraform does: "Error: summary", where, then the detail.
import { formatPath } from '../values';
import type { Diagnostic } from '../diagnostics';
import { paint, type Colors } from '../render/color';

export function renderDiagnostics(diags: readonly Diagnostic[], colors: Colors): string {
  const c = paint(colors);
  return diags
    .map((d) => {
      const head = d.severity === 'error' ? c.red(c.bold('Error: ')) : c.yellow(c.bold('Warning: '));
      const where = d.address ? `\n\n  with ${d.address}${d.attributePath?.length ? `, attribute ${formatPath(d.attributePath)}` : ''}` : '';
      return `\n${head}${d.summary}${where}${d.detail ? `\n\n${d.detail}` : ''}\n`;
    })
    .join('');
}
