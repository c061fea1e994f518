// GridProvider: the provider block of a CDKTF app (source gridform/grid), as cdktf generates it.
export * from './generated/providers/grid/provider';
