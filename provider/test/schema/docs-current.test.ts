// The committed reference docs (docs/) are what the declarations give: a changed declaration
// without `npm run docs` fails here, naming the page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docPages } from '../../src/schema/docs';
import { gridProviderDecl } from '../../src/schema/provider';

const DOCS = path.resolve(__dirname, '..', '..', '..', 'docs');

describe('reference docs', () => {
  it.each([...docPages(gridProviderDecl)])('docs/%s is current (run npm run docs when not)', (file, text) => {
    expect(fs.readFileSync(path.join(DOCS, file), 'utf8')).toBe(text);
  });

  it('has a page for every resource and data source, and no page for anything else', () => {
    const onDisk = ['resources', 'data-sources'].flatMap((d) => fs.readdirSync(path.join(DOCS, d)).map((f) => `${d}/${f}`));
    expect(onDisk.sort()).toEqual([...docPages(gridProviderDecl).keys()].filter((f) => f !== 'index.md').sort());
  });
});
