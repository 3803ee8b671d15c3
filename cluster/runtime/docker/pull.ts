/** Pulling a missing image (the "Pull" action of an image-missing error), with progress and a clear offline message. */
import type { EngineConnection } from './engine';
import { ClusterError, describeError, throwIfCancelled } from '../errors';

export interface PullProgress {
  status: string;
  /** 0–100 when the engine reports byte counts. */
  percent?: number;
}

export async function pullImage(engine: EngineConnection, image: string, onProgress?: (p: PullProgress) => void, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  try {
    const stream = await engine.docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      const layers = new Map<string, { current: number; total: number }>();
      engine.docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve()),
        (event: { status?: string; id?: string; progressDetail?: { current?: number; total?: number } }) => {
          if (event.id && event.progressDetail?.total) layers.set(event.id, { current: event.progressDetail.current ?? 0, total: event.progressDetail.total });
          const totals = [...layers.values()].reduce((acc, l) => ({ current: acc.current + l.current, total: acc.total + l.total }), { current: 0, total: 0 });
          onProgress?.({ status: event.status ?? '', percent: totals.total ? Math.round((100 * totals.current) / totals.total) : undefined });
        },
      );
      signal?.addEventListener('abort', () => (stream as NodeJS.ReadableStream & { destroy(): void }).destroy(), { once: true });
    });
  } catch (error) {
    throwIfCancelled(signal);
    const text = describeError(error);
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network is unreachable|i\/o timeout|no such host|dial tcp/i.test(text);
    throw new ClusterError(
      'image-pull-failed',
      offline
        ? `Cannot pull ${image}: the Docker engine cannot reach the registry (offline?). Load the image another way (docker load) or map the name to a local image with pgha.imageMap / PGHA_IMAGE_MAP.`
        : `Pulling ${image} failed: ${text}`,
      [{ id: 'retry', title: 'Retry' }],
      text,
    );
  }
}
