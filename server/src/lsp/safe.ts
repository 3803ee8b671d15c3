import { ResponseError, ErrorCodes, type Connection } from 'vscode-languageserver/node';

/**
 * Wraps a request handler so a bug in one feature becomes an error response (and a log line),
 * never a crashed server.
 */
export function safe<P, R>(connection: Connection, feature: string, handler: (params: P) => R, fallback: R) {
  return (params: P): R | ResponseError<void> => {
    try {
      return handler(params);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      connection.console.error(`pgha ${feature} failed: ${message}`);
      if (fallback !== undefined) return fallback;
      return new ResponseError(ErrorCodes.InternalError, `pgha ${feature} failed: ${String(error)}`);
    }
  };
}
