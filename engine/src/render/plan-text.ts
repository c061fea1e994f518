// The human rendering of a plan, in Terraform's layout: a header per resource with its action
// symbol, one line per attribute (changed ones only for updates), nested blocks, the summary line
// and the output changes.
import { inTerraformOrder } from '../addresses/address-order';
import { legacyFeaturesOnly } from './state-object';
import type { AttributeType, BlockSchema, ObjectValue, ProviderSchema } from '../provider/interface';
import { counts, hasChanges, isResourceChange, type Plan, type ResourceChange } from '../plan/types';
import { valuesEqual } from '../plan/diff';
import { isUnknown, type Value } from '../values';
import { isScalar, renderCollection, renderCollectionChange, renderScalar, sameCollectionKind } from './values';
import { paint, type Colors } from './color';

const VERB = {
  create: 'will be created',
  update: 'will be updated in-place',
  delete: 'will be destroyed',
  replace: 'must be replaced',
  read: 'will be read during apply',
  'no-op': '',
  forget: 'will no longer be managed by gridform, but will not be destroyed',
} as const;

/** attributes shown unchanged in an update, so the reader knows which object it is */
const IDENTIFYING = new Set(['id', 'name', 'tags']);

/** a replacement's headline that says why, as terraform words it */
const REPLACE_HEADLINE: Partial<Record<NonNullable<ResourceChange['actionReason']>, string>> = {
  replace_because_tainted: 'is tainted, so must be replaced',
  replace_by_request: 'will be replaced, as requested',
  replace_by_triggers: 'will be replaced due to changes in replace_triggered_by',
};

const REASON: Partial<Record<NonNullable<ResourceChange['actionReason']>, string>> = {
  delete_because_no_resource_config: '(because it is not in the configuration)',
  delete_because_count_index: '(because the index is out of range for count)',
  delete_because_each_key: '(because the key is not in for_each)',
};

/** Why an instance whose key does not fit its resource's count or for_each goes. */
function repetitionReason(ch: ResourceChange): string {
  if (ch.key === undefined) return '(because resource uses count or for_each)';
  return typeof ch.key === 'number' ? '(because resource does not use count)' : '(because resource does not use for_each)';
}

export function renderPlan(plan: Plan, schemas: (c: ResourceChange) => BlockSchema | undefined, colors: Colors, tool = 'gridform'): string {
  const c = paint(colors);
  if (plan.refreshOnly) {
    return plan.drift.length
      ? ''
      : `\n${c.bold('No changes.')} Your infrastructure still matches the configuration.\n\n` +
          `${tool} has checked that the real remote objects still match the result of your most recent changes, ` +
          `and found no differences.\n`;
  }
  const shown = inTerraformOrder(plan.changes.filter(isResourceChange));
  if (!hasChanges(plan))
    return (
      `\n${c.bold('No changes.')} Your infrastructure matches the configuration.\n\n` +
      `${tool} compared your real infrastructure against your configuration and found no differences, so no changes are needed.\n`
    );
  const out: string[] = [];
  if (shown.length) {
    const used = new Set(shown.map((s) => s.action));
    out.push(
      `${tool} used the selected providers to generate the following execution plan. ` +
        `Resource actions are indicated with the following symbols:`,
    );
    if (used.has('create')) out.push(`  ${c.green('+')} create`);
    if (used.has('update')) out.push(`  ${c.yellow('~')} update in-place`);
    if (used.has('delete')) out.push(`  ${c.red('-')} destroy`);
    if (shown.some((x) => x.action === 'replace' && !x.createBeforeDestroy))
      out.push(`${c.red('-')}/${c.green('+')} destroy and then create replacement`);
    if (shown.some((x) => x.action === 'replace' && x.createBeforeDestroy))
      out.push(`${c.green('+')}/${c.red('-')} create replacement and then destroy`);
    out.push('', `${tool} will perform the following actions:`, '');
    for (const ch of shown) out.push(...renderChange(ch, schemas(ch), c), '');
    const n = counts(plan);
    out.push(
      `${c.bold('Plan:')} ${n.import ? `${n.import} to import, ` : ''}${n.add} to add, ${n.change} to change, ${n.destroy} to destroy.`,
    );
  }
  const outs = plan.outputs.filter((o) => !valuesEqual(o.before, o.after));
  if (outs.length) {
    out.push('', 'Changes to Outputs:');
    const width = Math.max(...outs.map((o) => o.name.length));
    for (const o of outs) {
      out.push(`  ${outputSign(o, c)} ${o.name.padEnd(width)} = ${outputChange(o)}`);
    }
  }
  return '\n' + out.join('\n') + '\n';
}

type OutputChange = Plan['outputs'][number];

function outputSign(o: OutputChange, c: ReturnType<typeof paint>): string {
  if (o.before === null) return c.green('+');
  if (o.after === null) return c.red('-');
  return c.yellow('~');
}

/** An output's change as terraform prints it: a whole value added or removed, or a list or map changed element by element. */
function outputChange(o: OutputChange): string {
  const indent = '  ';
  if (o.before === null) return show(o.after, o.sensitive, '+', indent);
  if (o.after === null) return `${show(o.before, o.sensitive, '-', indent)} -> null`;
  if (!o.sensitive && sameCollectionKind(o.before, o.after)) return renderCollectionChange(o.before, o.after, indent).join('\n');
  return `${show(o.before, o.sensitive, '-', indent)} -> ${show(o.after, o.sensitive, '+', indent)}`;
}

export function renderChange(ch: ResourceChange, schema: BlockSchema | undefined, c: ReturnType<typeof paint>, verb?: string): string[] {
  const symbols: Record<ResourceChange['action'], string> = {
    replace: `${c.red('-')}/${c.green('+')}`,
    create: c.green('+'),
    delete: c.red('-'),
    forget: c.red('.'),
    'no-op': ' ',
    update: c.yellow('~'),
    read: c.yellow('~'),
  };
  const sym = symbols[ch.action];
  const label = ch.deposed ? `${ch.address} (deposed object ${ch.deposed})` : ch.address;
  const lines = [changeHeader(ch, label, c, verb), `${ch.action === 'replace' ? sym : `  ${sym}`} resource "${ch.type}" "${ch.name}" {`];
  // a forgotten object stays as it is: shown as unchanged, by what identifies it
  const after = ch.action === 'forget' ? ch.before : ch.after;
  const onlyChanged = ch.action !== 'create' && ch.action !== 'delete' && ch.action !== 'read';
  const hidden = new Set([...(ch.sensitiveBefore ?? []), ...(ch.sensitiveAfter ?? [])]);
  lines.push(
    ...renderBlock(
      ch.before,
      after,
      schema,
      ch.replacePaths.map((p) => p.join('.')),
      '',
      c,
      onlyChanged,
      '      ',
      hidden,
      !!schema && legacyFeaturesOnly(schema),
    ),
  );
  lines.push('    }');
  return lines;
}

/** `# ADDRESS will be ...`, with the lines that say why, or where the object moved or was imported from. */
function changeHeader(ch: ResourceChange, label: string, c: ReturnType<typeof paint>, verb?: string): string {
  if (ch.action === 'no-op' && ch.importing) return `  ${c.bold(`# ${label}`)} will be imported`;
  if (ch.action === 'no-op' && ch.previousAddress !== undefined) return `  ${c.bold(`# ${ch.previousAddress} has moved to ${label}`)}`;
  const headline = ch.action === 'replace' && ch.actionReason ? REPLACE_HEADLINE[ch.actionReason] : undefined;
  const actionVerb = ch.action === 'replace' && ch.createBeforeDestroy ? 'must be replaced (create before destroy)' : VERB[ch.action];
  const lines = [`  ${c.bold(`# ${label}`)} ${verb ?? headline ?? actionVerb}`];
  if (verb) return lines[0];
  const noTarget = ch.actionReason === 'delete_because_no_move_target';
  const reason =
    ch.action === 'forget'
      ? '(destroy = false is set in the configuration)'
      : ch.actionReason === 'delete_because_wrong_repetition'
        ? repetitionReason(ch)
        : noTarget
          ? `(because ${ch.previousAddress} was moved to ${ch.address}, which is not in the configuration)`
          : ch.actionReason
            ? REASON[ch.actionReason]
            : undefined;
  if (reason) lines.push(`  # ${reason}`);
  if (ch.previousAddress !== undefined && !noTarget) lines.push(`  # (moved from ${ch.previousAddress})`);
  if (ch.importing) lines.push(`  # (imported from "${ch.importing.id}")`);
  return lines.join('\n');
}

function renderBlock(
  before: ObjectValue | null,
  after: ObjectValue | null,
  schema: BlockSchema | undefined,
  forcing: string[],
  prefix: string,
  c: ReturnType<typeof paint>,
  onlyChanged: boolean,
  indent = '      ',
  /** top-level attributes set from sensitive values, hidden as the schema's sensitive ones are */
  hiddenNames: ReadonlySet<string> = new Set(),
  /** a schema the old SDK could have written: terraform shows its empty strings as null */
  legacy = false,
): string[] {
  const attrs = schema ? Object.keys(schema.attributes) : Object.keys({ ...(before ?? {}), ...(after ?? {}) });
  const blocks = schema ? Object.keys(schema.blocks ?? {}) : [];
  const rows: [sign: string, name: string, text: string][] = [];
  let hidden = 0;
  // as terraform, names align across every attribute of the block that has a value, shown or not
  let width = 0;
  for (const name of attrs.sort()) {
    const given: (Value | undefined)[] = [before?.[name], after?.[name]];
    const sensitive = !!schema?.attributes[name]?.sensitive || (!prefix && hiddenNames.has(name));
    const declared = schema?.attributes[name]?.type;
    if (given.every((v) => v === null || v === undefined)) continue;
    width = Math.max(width, name.length);
    const [b, a] = legacy ? given.map((v) => (v === '' ? null : v)) : given;
    if ((b === null || b === undefined) && (a === null || a === undefined)) {
      hidden++;
      continue;
    }
    if (onlyChanged && valuesEqual(b, a)) {
      // as terraform, a change still shows what identifies the object, in nested blocks too
      if (IDENTIFYING.has(name)) rows.push([' ', name, show(a, sensitive, ' ', indent, declared)]);
      else hidden++;
      continue;
    }
    const path = prefix ? `${prefix}.${name}` : name;
    const force = forcing.includes(path) ? c.red(' # forces replacement') : '';
    let sign: string;
    let text: string;
    if (before === null) {
      sign = c.green('+');
      text = show(a, sensitive, '+', indent, declared);
    } else if (after === null) {
      sign = c.red('-');
      text = `${show(b, sensitive, '-', indent, declared)} -> null`;
    } else if (b === null || b === undefined) {
      sign = c.green('+');
      text = show(a, sensitive, '+', indent, declared);
    } else if (!sensitive && sameCollectionKind(b, a)) {
      sign = c.yellow('~');
      text = renderCollectionChange(b as Value, a as Value, indent).join('\n');
    } else {
      sign = c.yellow('~');
      text = `${show(b, sensitive, '-', indent, declared)} -> ${show(a, sensitive, '+', indent, declared)}`;
    }
    rows.push([sign, name, `${text}${force}`]);
  }
  const lines = rows.map(([sign, name, text]) => `${indent}${sign} ${name.padEnd(width)} = ${text}`);
  if (hidden) lines.push(`${indent}  ${unchangedHidden(hidden, 'attribute')}`);
  const attributeCount = rows.length + hidden;
  let hiddenBlocks = 0;
  for (const name of blocks.sort()) {
    const nested = schema!.blocks![name];
    const bItems = asItems(before?.[name]);
    const aItems = asItems(after?.[name]);
    let firstShown = true;
    for (let i = 0; i < Math.max(bItems.length, aItems.length); i++) {
      const bi = before === null ? null : (bItems[i] ?? null);
      const ai = after === null ? null : (aItems[i] ?? null);
      if (onlyChanged && valuesEqual(bi, ai)) {
        hiddenBlocks++;
        continue;
      }
      // as terraform, a blank line between the attributes and each kind of block
      if (firstShown && attributeCount) lines.push('');
      firstShown = false;
      const sign = bi === null ? c.green('+') : ai === null ? c.red('-') : c.yellow('~');
      const path = nested.nesting === 'single' ? (prefix ? `${prefix}.${name}` : name) : `${prefix ? `${prefix}.` : ''}${name}.${i}`;
      lines.push(`${indent}${sign} ${name} {`);
      const changedOnly = onlyChanged && bi !== null && ai !== null;
      const nestedLegacy = legacy && legacyFeaturesOnly(nested.block);
      lines.push(...renderBlock(bi, ai, nested.block, forcing, path, c, changedOnly, indent + '    ', new Set(), nestedLegacy));
      lines.push(`${indent}  }`);
    }
  }
  if (hiddenBlocks) lines.push('', `${indent}  ${unchangedHidden(hiddenBlocks, 'block')}`);
  return lines;
}

function unchangedHidden(n: number, what: 'attribute' | 'block'): string {
  return `# (${n} unchanged ${what}${n === 1 ? '' : 's'} hidden)`;
}

function asItems(v: Value | undefined): ObjectValue[] {
  if (Array.isArray(v)) return v as ObjectValue[];
  if (v && typeof v === 'object' && !isUnknown(v)) return [v as ObjectValue];
  return [];
}

function show(v: Value | undefined, sensitive: boolean, sign: string, indent: string, declared?: AttributeType): string {
  if (sensitive || isScalar(v)) return renderScalar(v, sensitive);
  const keys = declared === 'map' ? 'map' : declared === 'object' ? 'object' : undefined;
  return renderCollection(v as Value, sign, indent, keys).join('\n');
}

export type SchemaLookup = (c: ResourceChange) => BlockSchema | undefined;

export function schemaLookup(schemas: ReadonlyMap<string, ProviderSchema>): SchemaLookup {
  return (ch) => {
    const s = schemas.get(ch.providerKey);
    return (ch.mode === 'data' ? s?.dataSources : s?.resources)?.[ch.type]?.block;
  };
}
