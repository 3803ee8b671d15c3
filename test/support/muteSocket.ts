/** A unix socket that accepts connections and never answers: a hung Docker engine, the hostile moment itself. */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface MuteSocket {
  path: string;
  /** Connections accepted so far, and how many the client has closed. */
  accepted(): number;
  closedByClient(): number;
  close(): Promise<void>;
}

export async function muteSocket(): Promise<MuteSocket> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-mute-'));
  const socketPath = path.join(dir, 'docker.sock');
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let closed = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('data', () => undefined); // read the request, never answer
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed++;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    path: socketPath,
    accepted: () => accepted,
    closedByClient: () => closed,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
