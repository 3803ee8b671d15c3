import type { CodeLens } from 'vscode-languageserver-types';
import type { ComposeFeatureInput } from './input';

/** Command ids the client implements (cluster launcher). */
export const START_CLUSTER_COMMAND = 'pgha.cluster.start';
export const STOP_CLUSTER_COMMAND = 'pgha.cluster.stop';

/** "Start cluster" / "Stop cluster" above `services:` of a file with PostgreSQL services. */
export function composeCodeLenses({ doc, model }: ComposeFeatureInput): CodeLens[] {
  if (!model.pgRelated) return [];
  const services = model.topLevel.get('services');
  const position = doc.positionAt(services?.entry.keySpan.start ?? 0);
  const range = { start: position, end: position };
  const count = model.services.filter((s) => s.pgRelated).length;
  return [
    { range, command: { title: `▶ Start cluster (${count} PostgreSQL service${count === 1 ? '' : 's'})`, command: START_CLUSTER_COMMAND, arguments: [doc.uri] } },
    { range, command: { title: '■ Stop cluster', command: STOP_CLUSTER_COMMAND, arguments: [doc.uri] } },
  ];
}
