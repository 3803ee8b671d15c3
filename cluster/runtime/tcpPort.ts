/** Whether a TCP port can be bound on this machine: every backend checks published ports before it starts anything. */
import * as net from 'node:net';

export function tcpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE' && error.code !== 'EACCES'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
