// A refused write: the chain answers with a gRPC status and a message saying what is wrong.
// Raised inside a ledger transaction, it rolls the whole call (or batch) back.
export type RefusalCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'PERMISSION_DENIED'
  | 'FAILED_PRECONDITION'
  | 'ALREADY_EXISTS'
  | 'UNAUTHENTICATED'
  | 'RESOURCE_EXHAUSTED';

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const refuse = {
  invalid: (m: string) => new Refusal('INVALID_ARGUMENT', m),
  notFound: (m: string) => new Refusal('NOT_FOUND', m),
  denied: (m: string) => new Refusal('PERMISSION_DENIED', m),
  precondition: (m: string) => new Refusal('FAILED_PRECONDITION', m),
  exists: (m: string) => new Refusal('ALREADY_EXISTS', m),
  unauthenticated: (m: string) => new Refusal('UNAUTHENTICATED', m),
  exhausted: (m: string) => new Refusal('RESOURCE_EXHAUSTED', m),
};
