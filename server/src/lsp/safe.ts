import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';

/** The answer to a request the client cancelled (LSP RequestCancelled). */
export function cancelledError(feature: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `pgha ${feature}: cancelled`);
}

/**
 * Wraps a request handler so a bug in one feature becomes an error response (and a log line), never a crashed
 * server, and a request the client cancelled answers RequestCancelled instead of doing its work.
 */
export function safe<P, R>(connection: Connection, feature: string, handler: (params: P, token: CancellationToken) => R, fallback: R) {
  return (params: P, token: CancellationToken = CancellationToken.None): R | ResponseError<void> => {
    if (token.isCancellationRequested) return cancelledError(feature);
    try {
      const result = handler(params, token);
      return token.isCancellationRequested ? cancelledError(feature) : result;
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      connection.console.error(`pgha ${feature} failed: ${message}`);
      if (fallback !== undefined) return fallback;
      return new ResponseError(ErrorCodes.InternalError, `pgha ${feature} failed: ${String(error)}`);
    }
  };
}
