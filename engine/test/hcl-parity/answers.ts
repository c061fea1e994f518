// terraform's answers to the folder cases, recorded with terraform 1.11 by `npm run parity:hcl`
// and committed, so the comparison runs where terraform is absent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FolderAnswer } from './run-folder';

export const ANSWERS_FILE = path.join(__dirname, '..', '..', '..', '..', 'engine', 'test', 'hcl-parity', 'terraform-answers.json');

function answersPath(): string {
  // from dist/engine/test/hcl-parity or from the source folder under jest
  const beside = path.join(__dirname, 'terraform-answers.json');
  return fs.existsSync(beside) || !__dirname.includes(`${path.sep}dist${path.sep}`) ? beside : ANSWERS_FILE;
}

export function readAnswers(): Record<string, FolderAnswer> {
  const file = answersPath();
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, FolderAnswer>) : {};
}

export function writeAnswers(answers: Record<string, FolderAnswer>): void {
  const sorted = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : 1)));
  fs.writeFileSync(answersPath(), `${JSON.stringify(sorted, null, 1)}\n`);
}
