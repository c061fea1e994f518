// npm run docs: writes docs/ (the reference pages) from the declarations, and the table of
// terraform-provider-grid's attributes into provider/README.md. A test fails when the committed
// pages or table differ from what the declarations give.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docPages } from './docs';
import { gridProviderDecl } from './provider';
import { withAuditTable } from './upstream-table';

export const DOCS_DIR = path.resolve(__dirname, '..', '..', '..', 'docs').replace(`${path.sep}dist${path.sep}`, path.sep);
export const PROVIDER_README = path.resolve(__dirname, '..', '..', 'README.md').replace(`${path.sep}dist${path.sep}`, path.sep);

if (require.main === module) {
  for (const [file, text] of docPages(gridProviderDecl)) {
    fs.mkdirSync(path.dirname(path.join(DOCS_DIR, file)), { recursive: true });
    fs.writeFileSync(path.join(DOCS_DIR, file), text);
  }
  fs.writeFileSync(PROVIDER_README, withAuditTable(fs.readFileSync(PROVIDER_README, 'utf8'), gridProviderDecl));
  console.log(`reference docs written to ${DOCS_DIR}, the table of upstream attributes to ${PROVIDER_README}`);
}
