// Requests that do not decode as the message their method takes (garbage bytes, a message cut
// short, a field of the wrong wire type). grpc-js answers those itself with INTERNAL "Error
// deserializing request", as if the server had failed; wrapped here, the method answers
// INVALID_ARGUMENT naming the call and saying what to send, and its handler never sees them.
import * as grpc from '@grpc/grpc-js';
import { statusError } from './rpc';

const UNDECODABLE = Symbol('gridform.undecodable');

type Undecodable = { readonly [UNDECODABLE]: string };

function undecodable(request: unknown): string | undefined {
  return request && typeof request === 'object' ? (request as Partial<Undecodable>)[UNDECODABLE] : undefined;
}

/** The service and its implementation, with requests that do not decode refused as INVALID_ARGUMENT. */
export function refusingUndecodable(
  service: grpc.ServiceDefinition,
  impl: grpc.UntypedServiceImplementation,
  protoFile: string,
): { service: grpc.ServiceDefinition; impl: grpc.UntypedServiceImplementation } {
  const wrappedService: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  const wrappedImpl: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(service)) {
    wrappedService[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return method.requestDeserialize(bytes);
        } catch (err) {
          return { [UNDECODABLE]: (err as Error).message } satisfies Undecodable;
        }
      },
    };
    const handler = impl[name] as ((...args: never[]) => void) | undefined;
    if (!handler) continue;
    const refusal = (why: string) =>
      statusError(
        grpc.status.INVALID_ARGUMENT,
        `the ${name} request cannot be decoded as the message ${method.path} takes (${why}): encode it as ${protoFile} says`,
      );
    if (method.requestStream) {
      wrappedImpl[name] = handler as never; // client streams decode message by message; none are used here
    } else if (method.responseStream) {
      wrappedImpl[name] = ((call: grpc.ServerWritableStream<unknown, unknown>) => {
        const why = undecodable(call.request);
        if (why === undefined) return (handler as (c: typeof call) => void)(call);
        call.emit('error', refusal(why));
      }) as never;
    } else {
      wrappedImpl[name] = ((call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const why = undecodable(call.request);
        if (why === undefined) return (handler as (c: typeof call, cb: typeof callback) => void)(call, callback);
        callback(refusal(why));
      }) as never;
    }
  }
  return { service: wrappedService, impl: wrappedImpl };
}
