import * as assert from 'assert';
import * as net from 'net';
import { Monitor } from '../../../cluster/monitor/monitor';
import type { ClusterSnapshot, NodeTarget } from '../../../cluster/monitor/types';
import { waitFor } from '../../support/waitFor';

const target = (service: string, port: number, password?: string): NodeTarget => ({ service, host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', aliases: [service] });

/** A loopback server that accepts connections and never answers: each probe waits for its connect timeout. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('monitor/Monitor: polling without overlap, failures as states', () => {
  it('turns a refused connection into the state "unreachable" without throwing', async () => {
    const monitor = new Monitor([target('gone', await closedPort(), 'x')]);
    try {
      const snapshot = await monitor.refresh();
      assert.strictEqual(snapshot.nodes[0].state, 'unreachable');
      assert.strictEqual(snapshot.nodes[0].role, 'unknown');
      assert.strictEqual(snapshot.health, 'critical');
    } finally {
      await monitor.dispose();
    }
  });

  it('folds refresh requests made during a refresh into one follow-up', async () => {
    const silent = await silentServer();
    const monitor = new Monitor([target('slow', silent.port, 'x')], { probe: { connectTimeoutMs: 300, queryTimeoutMs: 300 } });
    const seen: ClusterSnapshot[] = [];
    monitor.onSnapshot((s) => seen.push(s));
    try {
      const first = monitor.refresh();
      const burst = [monitor.refresh(), monitor.refresh(), monitor.refresh()];
      assert.strictEqual(burst[0], burst[1]);
      assert.strictEqual(burst[1], burst[2]);
      await Promise.all([first, ...burst]);
      assert.strictEqual(seen.length, 2);
      assert.strictEqual(seen[0].nodes[0].state, 'unreachable');
    } finally {
      await monitor.dispose();
      await silent.close();
    }
  });

  it('polls on its interval and never starts a refresh before the previous one ended', async () => {
    const silent = await silentServer();
    const monitor = new Monitor([target('slow', silent.port, 'x')], { intervalMs: 100, probe: { connectTimeoutMs: 250, queryTimeoutMs: 250 } });
    const times: number[] = [];
    monitor.onSnapshot(() => times.push(Date.now()));
    try {
      monitor.start();
      monitor.start(); // idempotent
      await waitFor(() => times.length >= 3, 'three refreshes', 5000);
      monitor.stop();
      // Each refresh takes ≥ 250 ms (connect timeout) and the next starts 100 ms after it ends.
      for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 330, `refreshes ${times[i] - times[i - 1]} ms apart`);
      assert.strictEqual(monitor.isRunning, false);
    } finally {
      await monitor.dispose();
      await silent.close();
    }
  });

  it('asks the credentials provider once per node without a password, and exposes thresholds', async () => {
    let asked = 0;
    const monitor = new Monitor([target('nopass', await closedPort())], {
      credentials: async () => {
        asked++;
        return { password: 'typed' };
      },
      thresholds: { lagBytesWarning: 1 },
    });
    try {
      await monitor.refresh();
      await monitor.refresh();
      assert.strictEqual(asked, 1);
      assert.strictEqual(monitor.nodeTargets[0].password, 'typed');
      assert.strictEqual(monitor.thresholds.lagBytesWarning, 1);
      assert.strictEqual(monitor.thresholds.lagSecondsCritical, 60);
      monitor.thresholds = { lagSecondsWarning: 5 };
      assert.strictEqual(monitor.thresholds.lagSecondsWarning, 5);
      assert.strictEqual(monitor.intervalMs, 2000);
    } finally {
      await monitor.dispose();
    }
  });
});
