// The grid provider's source address and version, apart from its code so the command line can
// name the provider without loading it.
export const GRID_PROVIDER_SOURCE = 'gridform/grid';
export const GRID_PROVIDER_VERSION = '0.1.0';
