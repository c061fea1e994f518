// A refusal the API answers with its status and {"error": message}; anything else thrown is a bug,
// answered 500 without its details.
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 502,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);
