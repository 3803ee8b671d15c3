import { LSPErrorCodes, type ConnectionOptions, type Message, type RequestMessage, type ResponseMessage } from 'vscode-languageserver/node';

/**
 * What the connection is doing, for background work that must not delay the editor: `whenIdle()` resolves once
 * every message received so far has been dispatched (so a burst of didChange notifications is applied before
 * diagnostics start, and a completion that arrived with them is answered first). A request cancelled while it
 * still waits in the queue is answered RequestCancelled at once.
 *
 * How idleness is seen: the connection dispatches one queued message per setImmediate and queues the next
 * setImmediate only while messages remain. A check queued behind that one sees whether another message was
 * dispatched in between; when none was, the queue is empty.
 */
export class MessageActivity {
  private dispatched = 0;

  readonly connectionOptions: ConnectionOptions = {
    messageStrategy: {
      handleMessage: (message: Message, next: (message: Message) => void) => {
        this.dispatched++;
        next(message);
      },
    },
    connectionStrategy: { cancelUndispatched: (message) => cancelledResponse(message as RequestMessage) },
  };

  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const seen = this.dispatched;
        // nextTick: after the connection queued its own setImmediate for the next message, if any.
        process.nextTick(() => setImmediate(() => (this.dispatched === seen ? resolve() : check())));
      };
      check();
    });
  }
}

function cancelledResponse(request: RequestMessage): ResponseMessage {
  return { jsonrpc: '2.0', id: request.id, error: { code: LSPErrorCodes.RequestCancelled, message: `${request.method}: cancelled before it ran` } };
}
