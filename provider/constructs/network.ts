// Network: grid_network, a private network across nodes, as cdktf generates it.
export * from './generated/providers/grid/network';
