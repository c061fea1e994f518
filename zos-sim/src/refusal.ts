// A refused node call: answered with a gRPC status and a message naming the node, contract or
// workload and what is wrong.
export type NodeRefusalCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'FAILED_PRECONDITION'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE';

export class NodeRefusal extends Error {
  constructor(
    readonly code: NodeRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'NodeRefusal';
  }
}
