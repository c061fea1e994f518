// Provider source addresses, normalized as Terraform does: "gridform/grid" is
// registry.terraform.io/gridform/grid; the builtin provider is terraform.io/builtin/terraform.
export const BUILTIN_SOURCE = 'terraform.io/builtin/terraform';

export function normalizeSource(source: string): string {
  const parts = source.trim().toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/** How a provider is written in state: provider["registry.terraform.io/gridform/grid"] (with .alias). */
export function stateProviderString(source: string, alias?: string): string {
  return `provider["${source}"]${alias ? `.${alias}` : ''}`;
}

/** provider["registry.terraform.io/gridform/grid"].eu -> its source and the configuration key "grid.eu" (local name = last path part). */
export function parseStateProvider(provider: string): { source: string; key: string } | undefined {
  const m = /^provider\["([^"]+)"\](?:\.(\w+))?$/.exec(provider);
  if (!m) return undefined;
  const name = m[1].split('/').pop()!;
  return { source: m[1], key: m[2] ? `${name}.${m[2]}` : name };
}

/** The configuration key of a provider as the state writes it (the string itself when malformed). */
export function providerKeyFromState(provider: string): string {
  return parseStateProvider(provider)?.key ?? provider;
}
