// Updates durations.json from the timings jest keeps in its cache (`npx jest` first): each file jest
// timed gets its seconds, files it did not run keep theirs, files that are gone are dropped. Run it after a full run on a quiet machine
// when files were added or got much faster or slower. Usage: node test-run/record.js
const fs = require('node:fs');
const path = require('node:path');
const { readConfig } = require('jest-config');
const HasteMap = require('jest-haste-map').default;

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const { projectConfig } = await readConfig({ _: [], $0: 'record' }, ROOT, false, null, 0); // index 0: as jest's CLI reads it
  const cacheFile = HasteMap.getStatic(projectConfig).getCacheFilePath(projectConfig.cacheDirectory, `perf-cache-${projectConfig.id}`);
  if (!fs.existsSync(cacheFile)) {
    console.error(`No jest timings in ${cacheFile}: run the tests (npx jest) first.`);
    process.exit(1);
  }
  const perf = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
  const out = path.join(__dirname, 'durations.json');
  const seconds = JSON.parse(fs.readFileSync(out, 'utf8'));
  for (const [file, [, ms]] of Object.entries(perf))
    seconds[path.relative(ROOT, file).split(path.sep).join('/')] = Math.round(ms / 100) / 10;
  const rows = Object.entries(seconds)
    .filter(([file]) => !file.startsWith('..') && fs.existsSync(path.join(ROOT, file)))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  fs.writeFileSync(out, JSON.stringify(Object.fromEntries(rows), null, 2) + '\n');
  console.log(`${Object.keys(perf).length} timed by jest, ${rows.length} test files in ${path.relative(ROOT, out)}`);
}

void main();
