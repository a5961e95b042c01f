// AWS errors as values, rendered in each protocol's own wire format so that the real
// SDK's deserializers raise the named exception classes.

export class AwsError extends Error {
  constructor(
    /** HTTP status the real service answers with. */
    readonly status: number,
    /** The exception's shape name, e.g. `MessageRejected`. */
    readonly code: string,
    message: string,
    /** SQS's `awsQueryCompatible` code and fault, e.g. `AWS.SimpleQueueService.NonExistentQueue;Sender`. */
    readonly queryError?: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const badRequest = (message: string) => new AwsError(400, 'BadRequestException', message);
export const notFound = (message: string) => new AwsError(404, 'NotFoundException', message);
export const alreadyExists = (message: string) => new AwsError(400, 'AlreadyExistsException', message);

/** Wire form of an error: status, headers and a JSON body. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * REST-JSON (SES v2): the exception's name travels in `x-amzn-ErrorType`, the text in
 * the body's `message`.
 */
export function restJsonError(error: AwsError): ErrorReply {
  return {
    status: error.status,
    headers: { 'x-amzn-ErrorType': error.code },
    body: { message: error.message },
  };
}

/**
 * AWS JSON 1.0 / 1.1 (SQS, Cognito Identity): the exception's name travels in `__type`,
 * namespaced for SQS, whose SDK also reads `x-amzn-query-error` (awsQueryCompatible).
 */
export function jsonRpcError(error: AwsError, namespace?: string): ErrorReply {
  const headers: Record<string, string> = {};
  if (error.queryError) headers['x-amzn-query-error'] = error.queryError;
  return {
    status: error.status,
    headers,
    body: { __type: namespace ? `${namespace}#${error.code}` : error.code, message: error.message },
  };
}

/** Anything thrown that is not an AwsError is the emulator's own bug: an InternalFailure, never a crash. */
export function asAwsError(thrown: unknown): AwsError {
  if (thrown instanceof AwsError) return thrown;
  console.error('local-aws: internal error', thrown);
  return new AwsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
}
