// The audit against terraform-provider-grid: the table in provider/README.md is what npm run docs
// writes from upstream-attributes.ts and the declaration; no upstream attribute is missing beyond
// the rows other parts of issue 16 close (EXPECTED_MISSING) and those named as not closed yet;
// every difference, of type and mode or of default, says why.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gridProviderDecl } from '../../src/schema/provider';
import { UPSTREAM_ATTRIBUTES, UPSTREAM_DEFAULTS } from '../../src/schema/upstream-attributes';
import {
  auditRows,
  DEFAULT_DIFFERENCES,
  DIFFERENCES,
  EXPECTED_MISSING,
  NOT_YET_CLOSED,
  withAuditTable,
} from '../../src/schema/upstream-table';

const README = path.resolve(__dirname, '..', '..', 'README.md');

describe("terraform-provider-grid's attributes in gridform", () => {
  const rows = auditRows(gridProviderDecl);

  it('provider/README.md holds the current table (run npm run docs when not)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(withAuditTable(readme, gridProviderDecl)).toBe(readme);
  });

  it('lists every upstream attribute once', () => {
    const paths = UPSTREAM_ATTRIBUTES.map(([p]) => p);
    expect(new Set(paths).size).toBe(paths.length);
    expect(rows).toHaveLength(paths.length);
  });

  it('has no missing row but those named in EXPECTED_MISSING and NOT_YET_CLOSED', () => {
    const missing = rows.filter((r) => r.status === 'missing').map((r) => r.path);
    expect(missing.filter((p) => !EXPECTED_MISSING.includes(p) && !NOT_YET_CLOSED.includes(p))).toEqual([]);
  });

  it('names in EXPECTED_MISSING and NOT_YET_CLOSED only rows still missing (empty them as they close)', () => {
    const status = new Map(rows.map((r) => [r.path, r.status]));
    expect([...EXPECTED_MISSING, ...NOT_YET_CLOSED].filter((p) => status.get(p) !== 'missing')).toEqual([]);
  });

  it('says why for every row whose type or mode differs, and for no other', () => {
    const differs = rows.filter((r) => r.typeDiffers).map((r) => r.path);
    expect(differs.filter((p) => !DIFFERENCES[p])).toEqual([]);
    expect(Object.keys(DIFFERENCES).filter((p) => !differs.includes(p))).toEqual([]);
  });

  it('says why for every row whose default differs, and for no other', () => {
    const differs = rows.filter((r) => r.defaultDiffers).map((r) => r.path);
    expect(differs.filter((p) => !DEFAULT_DIFFERENCES[p])).toEqual([]);
    expect(Object.keys(DEFAULT_DIFFERENCES).filter((p) => !differs.includes(p))).toEqual([]);
  });

  it('records defaults only of upstream attributes it lists', () => {
    const paths = new Set(UPSTREAM_ATTRIBUTES.map(([p]) => p));
    expect(Object.keys(UPSTREAM_DEFAULTS).filter((p) => !paths.has(p))).toEqual([]);
  });

  it('compares defaults: upstream\'s "vm" name, env MNEMONIC, and none upstream against a zero-value default', () => {
    const row = (p: string) => rows.find((r) => r.path === p)!;
    expect(row('grid_deployment.name')).toMatchObject({ upstreamDefault: '`"vm"`', gridformDefault: '`"vm"`', defaultDiffers: false });
    expect(row('provider.mnemonic')).toMatchObject({ upstreamDefault: '`env MNEMONIC`', defaultDiffers: false });
    expect(row('grid_deployment.vms.publicip')).toMatchObject({ upstreamDefault: '', gridformDefault: '`false`', defaultDiffers: false });
    expect(row('grid_deployment.zdbs.mode')).toMatchObject({ upstreamDefault: '', gridformDefault: '`"user"`', defaultDiffers: true });
  });
});
