// npm run docs: writes docs/ (the reference pages) from the declarations. A test fails when the
// committed pages differ from what the declarations give.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docPages } from './docs';
import { gridProviderDecl } from './provider';

export const DOCS_DIR = path.resolve(__dirname, '..', '..', '..', 'docs').replace(`${path.sep}dist${path.sep}`, path.sep);

if (require.main === module) {
  for (const [file, text] of docPages(gridProviderDecl)) {
    fs.mkdirSync(path.dirname(path.join(DOCS_DIR, file)), { recursive: true });
    fs.writeFileSync(path.join(DOCS_DIR, file), text);
  }
  console.log(`reference docs written to ${DOCS_DIR}`);
}
