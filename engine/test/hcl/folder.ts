// A temporary Terraform folder for tests: files written by relative path, the CLI run in it with
// only the builtin provider (terraform_data), the state read back.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliIn, type CliResult } from '../support/engine-cli';

export class TfFolder {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-test-'));

  write(files: Record<string, string>): this {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
      fs.writeFileSync(path.join(this.dir, name), text);
    }
    return this;
  }

  run(...args: string[]): Promise<CliResult> {
    return runCliIn(this.dir, ['-no-color', ...args], { providers: [], version: 'test' });
  }

  stateText(): string | undefined {
    const file = path.join(this.dir, 'terraform.tfstate');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
