// The current workspace of a stack folder: TF_WORKSPACE when set, else the one `workspace select`
// recorded in .terraform/environment (where Terraform keeps it), else "default".
import * as fs from 'node:fs';
import * as path from 'node:path';

const VALID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function environmentFile(stackDir: string): string {
  return path.join(stackDir, '.terraform', 'environment');
}

export function currentWorkspace(stackDir: string, env: Readonly<Record<string, string | undefined>>): string {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  try {
    return fs.readFileSync(environmentFile(stackDir), 'utf8').trim() || 'default';
  } catch {
    return 'default';
  }
}

export function recordWorkspace(stackDir: string, name: string): void {
  fs.mkdirSync(path.dirname(environmentFile(stackDir)), { recursive: true });
  fs.writeFileSync(environmentFile(stackDir), name);
}

/** Why a workspace name is refused, or undefined when it is fine. */
export function invalidWorkspaceName(name: string): string | undefined {
  return VALID.test(name) && name.length <= 90
    ? undefined
    : `"${name}" is not a valid workspace name: use letters, digits, ".", "_" and "-", starting with a letter or digit.`;
}
