// The grid provider's schema as `gridform providers schema -json` prints it (terraform's format),
// with the provider's version as cdktf get adds it: the input of cdktf's provider generator.
import { providerSchemasJson } from '../../../engine';
import { GRID_PROVIDER_SOURCE, GRID_PROVIDER_VERSION } from '../provider-identity';
import type { ProviderDecl } from './declaration';
import { engineProviderSchema } from './engine-schema';
import { gridProviderDecl } from './provider';

/** registry.terraform.io/gridform/grid */
export const GRID_PROVIDER_ADDRESS = `registry.terraform.io/${GRID_PROVIDER_SOURCE}`;

export interface TerraformSchemaDocument {
  readonly format_version: string;
  readonly provider_schemas: Record<string, unknown>;
  readonly provider_versions: Record<string, string>;
}

/** The document for `decl` (the grid provider's own declaration unless told). */
export function terraformSchemaDocument(decl: ProviderDecl = gridProviderDecl): TerraformSchemaDocument {
  const doc = providerSchemasJson(new Map([[GRID_PROVIDER_ADDRESS, engineProviderSchema(decl)]]));
  return {
    format_version: String(doc.format_version),
    provider_schemas: doc.provider_schemas as Record<string, unknown>,
    provider_versions: { [GRID_PROVIDER_ADDRESS]: GRID_PROVIDER_VERSION },
  };
}
