// Reference docs from the declarations, laid out as terraform registry docs are: one page per
// resource (docs/resources/NAME.md) and data source (docs/data-sources/NAME.md), front matter,
// an argument reference (required, then optional) and an attribute reference (computed).
import { ctyTypeName } from '../../../engine';
import type { AttributeDecl, BlockDecl, NestedBlockDecl, ProviderDecl, ResourceDecl } from './declaration';

/** Every page, by its path under docs/. */
export function docPages(decl: ProviderDecl, providerName = 'grid'): Map<string, string> {
  const pages = new Map<string, string>();
  pages.set('index.md', page(`${providerName} Provider`, 'provider', decl.provider));
  for (const [type, r] of Object.entries(decl.resources)) pages.set(`resources/${shortName(type)}.md`, page(type, 'resource', r));
  for (const [type, r] of Object.entries(decl.dataSources)) pages.set(`data-sources/${shortName(type)}.md`, page(type, 'data source', r));
  return pages;
}

function shortName(type: string): string {
  return type.replace(/^[a-z0-9]+_/, '');
}

function page(title: string, kind: string, r: ResourceDecl): string {
  const lines = [
    '---',
    `page_title: "${title} ${kind === 'provider' ? '' : `${kind === 'resource' ? 'Resource' : 'Data Source'} `}- gridform"`,
  ];
  lines.push(`subcategory: ""`, `description: |-`, `  ${r.block.description ?? ''}`, '---', '', `# ${title} (${kind})`, '');
  if (r.block.description) lines.push(r.block.description, '');
  lines.push('<!-- generated from provider/src/schema by npm run docs: edit the declaration, not this file -->', '');
  lines.push(...blockDocs(r.block, ''));
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function blockDocs(block: BlockDecl, anchor: string): string[] {
  const entries = Object.entries(block.attributes);
  const nested = Object.entries(block.blocks ?? {});
  const args = entries.filter(([, a]) => a.required || a.optional);
  const out: string[] = [];
  const required = args.filter(([, a]) => a.required);
  const optional = args.filter(([, a]) => !a.required);
  const heading = (top: string, nestedLabel: string) => (anchor ? [`${nestedLabel}:`, ''] : [top, '']);
  if (!anchor) out.push('## Argument Reference', '');
  if (required.length) out.push(...heading('### Required', 'Required'), ...required.map(([n, a]) => attributeLine(n, a)), '');
  if (optional.length || nested.length) {
    out.push(...heading('### Optional', 'Optional'), ...optional.map(([n, a]) => attributeLine(n, a)));
    out.push(...nested.map(([n, b]) => nestedLine(n, b, anchor)), '');
  }
  const computed = entries.filter(([, a]) => a.computed && !a.optional);
  if (computed.length) out.push(...heading('## Attribute Reference', 'Read-only'), ...computed.map(([n, a]) => attributeLine(n, a)), '');
  for (const [n, b] of nested) {
    out.push(`<a id="nestedblock--${anchor}${n}"></a>`, `### Nested Schema for \`${anchor.replace(/--/g, '.')}${n}\``, '');
    out.push(...blockDocs(b.block, `${anchor}${n}--`));
  }
  return out;
}

function nestedLine(name: string, b: NestedBlockDecl, anchor: string): string {
  const kind = b.nesting === 'single' ? 'Block' : `Block ${b.nesting}`;
  return `- \`${name}\` (${kind}, see [below](#nestedblock--${anchor}${name})) ${b.block.description ?? ''}`.trimEnd();
}

function attributeLine(name: string, a: AttributeDecl): string {
  const facts = [ctyTypeName(a.type)];
  if (a.sensitive) facts.push('Sensitive');
  const notes: string[] = [];
  if (a.range) notes.push(`A whole number from ${a.range[0]} to ${a.range[1]}${a.unit ? ` ${a.unit}` : ''}.`);
  if (a.pattern) notes.push(`Must be ${a.pattern.what}.`);
  if (a.oneOf) notes.push(`One of ${a.oneOf.map((v) => `\`${v}\``).join(', ')}.`);
  if (a.items?.min) notes.push(`At least ${a.items.min} ${a.items.noun}${a.items.min === 1 ? '' : 's'}.`);
  if (a.items?.max) notes.push(`At most ${a.items.max}.`);
  if (a.items?.unique) notes.push('No duplicates.');
  if (a.default === '') notes.push('Defaults to the empty string.');
  else if (a.default !== undefined) notes.push(`Defaults to \`${String(a.default)}\`.`);
  if (a.forceNew) notes.push('Changing it replaces the resource.');
  const text = [a.description.replace(/\.?$/, '.'), ...notes].join(' ');
  return `- \`${name}\` (${facts.join(', ')}) ${text}`;
}
