// hcl2json writes every expression as `${...}`, also where terraform's JSON syntax writes a bare
// keyword or address: a variable's type (`number`), depends_on, ignore_changes, replace_triggered_by,
// a resource's provider and the addresses of moved, import and removed blocks. Those are unwrapped
// here, so the document reads as a .tf.json (and as cdk.tf.json) does.
import { addressText, isObject } from '../json-shape';

const unwrap = (v: unknown): unknown => (typeof v === 'string' ? addressText(v) : v);
const unwrapList = (v: unknown): unknown => (Array.isArray(v) ? v.map(unwrap) : unwrap(v));

function eachBlock(section: unknown, depth: number, fix: (block: Record<string, unknown>) => void): void {
  if (depth === 0) {
    for (const b of Array.isArray(section) ? section : [section]) if (isObject(b)) fix(b);
    return;
  }
  if (isObject(section)) for (const inner of Object.values(section)) eachBlock(inner, depth - 1, fix);
}

function fixLifecycle(block: Record<string, unknown>): void {
  eachBlock(block.lifecycle, 0, (l) => {
    if (l.ignore_changes !== undefined) l.ignore_changes = unwrapList(l.ignore_changes);
    if (l.replace_triggered_by !== undefined) l.replace_triggered_by = unwrapList(l.replace_triggered_by);
  });
}

function fixMeta(block: Record<string, unknown>): void {
  if (block.depends_on !== undefined) block.depends_on = unwrapList(block.depends_on);
  if (block.provider !== undefined) block.provider = unwrap(block.provider);
  fixLifecycle(block);
}

export function toJsonSyntax(doc: Record<string, unknown>): Record<string, unknown> {
  eachBlock(doc.resource, 2, fixMeta);
  eachBlock(doc.data, 2, fixMeta);
  eachBlock(doc.module, 1, fixMeta);
  eachBlock(doc.output, 1, fixMeta);
  eachBlock(doc.variable, 1, (v) => {
    if (v.type !== undefined) v.type = unwrap(v.type);
  });
  for (const kind of ['moved', 'import', 'removed'])
    eachBlock(doc[kind], 0, (b) => {
      if (b.from !== undefined) b.from = unwrap(b.from);
      if (b.to !== undefined) b.to = unwrap(b.to);
      if (b.provider !== undefined) b.provider = unwrap(b.provider);
    });
  return doc;
}
