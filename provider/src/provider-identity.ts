// The grid provider's source address and version, apart from its code so the command line can
// name the provider without loading it.
export const GRID_PROVIDER_SOURCE = 'gridform/grid';
export const GRID_PROVIDER_VERSION = '0.1.0';
/** terraform-provider-grid's source: HCL written for ThreeFold's provider runs on this one unchanged */
export const GRID_PROVIDER_UPSTREAM_SOURCE = 'threefoldtech/grid';
