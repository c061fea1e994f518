// A failure of the grid flow, with a message meant for the user (the provider turns it into a
// diagnostic of the resource).
export class GridError extends Error {}

/** A node id the chain does not know: the provider points its diagnostic at the attribute naming the node. */
export class NodeNotOnChain extends GridError {
  constructor(
    readonly nodeId: number,
    what = 'pick a node from gridform chain nodes',
  ) {
    super(`node ${nodeId} does not exist on the chain: ${what}`);
  }
}
