/**
 * "New HA Cluster…": quick picks (major, replicas, sync/async, pooler: PgBouncer or pgpool-II, base port, folder) → the wizard core
 * generates a hardened compose file + init SQL → written into the workspace (never overwriting), opened, and
 * an offer to start it. Tests and other callers may pass every answer as the argument.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pickWithDefault } from '../quickPick';
import { tcpPortFree } from '../../../../cluster/runtime';
import { generateCluster, MAJORS_NOT_OFFERED, offeredMajors, validateWizardOptions, type GeneratedFile, type WizardOptions } from '../../../../cluster/wizard/generate';
import { generateLogical } from '../../../../cluster/wizard/logical';
import { generatePatroni, validatePatroniOptions } from '../../../../cluster/wizard/patroni';
import { existingFiles, writeGeneratedFiles } from '../../../../cluster/wizard/write';
import type { CommandFactory } from '../index';
import { showFailure } from './shared';

export interface WizardAnswers extends Partial<WizardOptions> {
  /** Streaming replicas of one primary, logical replication from a publisher to a subscriber, or Patroni + etcd. */
  kind?: 'streaming' | 'logical' | 'patroni';
  /** Patroni: host port of the first REST API (default: the three ports after the PostgreSQL ones). */
  restBasePort?: number;
  /** Logical: the majors of both sides. */
  publisherMajor?: number;
  subscriberMajor?: number;
  /** Absolute folder to write into (must not hold the files yet). */
  folder?: string;
  /** Skip the "Start it now?" question (tests start it themselves). */
  noStartOffer?: boolean;
}

/** The first base port (stepping by 10 from 15432) whose whole range is free on 127.0.0.1. */
export async function suggestBasePort(count: number, isFree: (port: number) => Promise<boolean> = (p) => tcpPortFree('127.0.0.1', p)): Promise<number> {
  for (let base = 15432; base < 16432; base += 10) {
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  return 15432;
}

/** One wizard step; the recommended item (description 'recommended') is the highlighted default: Enter takes it. */
async function pick<T>(title: string, step: string, items: (vscode.QuickPickItem & { value: T })[], placeHolder?: string): Promise<T | undefined> {
  const preselected = items.find((i) => i.description === 'recommended');
  return (await pickWithDefault(items, { title: `New HA Cluster (${step}): ${title}`, preselected, placeholder: placeHolder }))?.value;
}

async function ask(answers: WizardAnswers): Promise<WizardOptions & { folder: string } | undefined> {
  const major =
    answers.major ??
    (await pick(
      'PostgreSQL major version',
      '1/6',
      offeredMajors().map(({ major: m, recommended }) => ({ label: `PostgreSQL ${m}`, description: recommended ? 'recommended' : undefined, value: m })),
      Object.values(MAJORS_NOT_OFFERED).join(' ') || undefined,
    ));
  if (major === undefined) return undefined;
  const replicas = answers.replicas ?? (await pick('number of replicas', '2/6', [1, 2, 3, 4, 5].map((n) => ({ label: `${n} replica${n > 1 ? 's' : ''}`, description: n === 2 ? 'recommended' : undefined, value: n }))));
  if (replicas === undefined) return undefined;
  const mode =
    answers.mode ??
    (await pick<'sync' | 'async'>('replication', '3/6', [
      { label: 'Asynchronous', description: 'fastest commits; a failover may lose the last transactions', value: 'async' },
      { label: 'Synchronous', description: 'a commit waits for one standby; no loss on failover', value: 'sync' },
    ]));
  if (mode === undefined) return undefined;
  const poolers =
    answers.pgbouncer !== undefined || answers.pgpool !== undefined
      ? { pgbouncer: answers.pgbouncer ?? false, pgpool: answers.pgpool ?? false }
      : await pick('connection pooler', '4/6', [
          { label: 'Without a pooler', value: { pgbouncer: false, pgpool: false } },
          { label: 'With PgBouncer', description: 'in front of the primary', value: { pgbouncer: true, pgpool: false } },
          { label: 'With pgpool-II', description: 'writes to the primary, reads balanced over the replicas', value: { pgbouncer: false, pgpool: true } },
        ]);
  if (poolers === undefined) return undefined;
  const { pgbouncer, pgpool } = poolers;
  const portCount = 1 + replicas + (pgbouncer ? 1 : 0) + (pgpool ? 2 : 0);
  let basePort = answers.basePort;
  if (basePort === undefined) {
    const suggested = await suggestBasePort(portCount);
    const text = await vscode.window.showInputBox({
      title: 'New HA Cluster (5/6): base port on 127.0.0.1',
      prompt: `The primary gets this port, replica i gets port + i${pgbouncer ? ', PgBouncer the next one' : ''}${pgpool ? ', then pgpool-II and its PCP port' : ''}.`,
      value: String(suggested),
      ignoreFocusOut: true,
      validateInput: (v) => validateWizardOptions({ major, replicas, mode, pgbouncer, pgpool, basePort: Number(v) }).join(' ') || undefined,
    });
    if (!text) return undefined;
    basePort = Number(text);
  }
  const folder = answers.folder ?? (await askFolder(`pg${major}-ha`));
  if (!folder) return undefined;
  return { major, replicas, mode, pgbouncer, pgpool, basePort, folder, superuserPassword: answers.superuserPassword, replicationPassword: answers.replicationPassword };
}

/** Logical replication: the two majors (an upgrade rehearsal by default), the base port and the folder. */
async function askLogical(answers: WizardAnswers): Promise<{ files: GeneratedFile[]; folder: string } | undefined> {
  const majors = offeredMajors().map(({ major }) => major);
  const publisherMajor = answers.publisherMajor ?? (await pick('publisher major (the old cluster)', '1/3', majors.map((m) => ({ label: `PostgreSQL ${m}`, description: m === Math.min(...majors) ? 'recommended' : undefined, value: m }))));
  if (publisherMajor === undefined) return undefined;
  const newer = majors.filter((m) => m >= publisherMajor);
  const subscriberMajor = answers.subscriberMajor ?? (await pick('subscriber major (the new cluster)', '2/3', newer.map((m) => ({ label: `PostgreSQL ${m}`, description: m === Math.max(...newer) ? 'recommended' : undefined, value: m }))));
  if (subscriberMajor === undefined) return undefined;
  const basePort = answers.basePort ?? (await suggestBasePort(2));
  const folder = answers.folder ?? (await askFolder(`pg${publisherMajor}-to-${subscriberMajor}`));
  if (!folder) return undefined;
  return { files: generateLogical({ publisherMajor, subscriberMajor, basePort, superuserPassword: answers.superuserPassword, replicationPassword: answers.replicationPassword }), folder };
}

/** Patroni + etcd (3 nodes): six loopback ports (PostgreSQL, then the REST API) and a folder; passwords go to .env. */
async function askPatroni(answers: WizardAnswers): Promise<{ files: GeneratedFile[]; folder: string } | undefined> {
  const basePort = answers.basePort ?? (await suggestBasePort(6));
  const options = { basePort, restBasePort: answers.restBasePort ?? basePort + 3 };
  const problems = validatePatroniOptions(options);
  if (problems.length) throw new Error(problems.join(' '));
  const folder = answers.folder ?? (await askFolder('patroni-etcd'));
  return folder ? { files: generatePatroni(options), folder } : undefined;
}

/** The folder to write into: a new one in the workspace (also the compose project name), else one picked. */
async function askFolder(suggested: string): Promise<string | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) return (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Folder for the new cluster' }))?.[0]?.fsPath;
  const name = await vscode.window.showInputBox({
    title: 'New HA Cluster: folder in the workspace (also the compose project name)',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (v) => (/^[a-z0-9][a-z0-9_-]*$/.test(v) ? undefined : 'lower-case letters, digits, - and _ (compose project names allow no more)'),
  });
  return name ? path.join(root, name) : undefined;
}

/** The files of the chosen kind of stack (answers given by a caller skip the questions). */
async function askFiles(answers: WizardAnswers): Promise<{ files: GeneratedFile[]; folder: string } | undefined> {
  const streamingAnswered = answers.major !== undefined || answers.replicas !== undefined;
  const kind =
    answers.kind ??
    (streamingAnswered
      ? 'streaming'
      : (await pickWithDefault<vscode.QuickPickItem & { value: 'streaming' | 'logical' | 'patroni' }>(
          [
            { label: 'Streaming replication', description: 'recommended', detail: 'a primary and standbys that copy the whole cluster; failover and switchover', value: 'streaming' },
            { label: 'Logical replication', detail: 'a publisher and a subscriber, per table and across majors (e.g. an upgrade rehearsal)', value: 'logical' },
            { label: 'Patroni + etcd (3 nodes)', detail: 'Patroni elects the primary through a 3-member etcd and fails over on its own; pgha acts through its REST API', value: 'patroni' },
          ],
          { title: 'New HA Cluster: kind of stack' },
        ))?.value);
  if (kind === undefined) return undefined;
  if (kind === 'logical') return askLogical(answers);
  if (kind === 'patroni') return askPatroni(answers);
  const options = await ask(answers);
  return options && { files: generateCluster(options), folder: options.folder };
}

/** Returns the URI of the written compose file (undefined when cancelled or failed). */
export const newClusterWizard: CommandFactory = (ctx) => async (answers: WizardAnswers = {}) => {
  try {
    const options = await askFiles(answers);
    if (!options) return undefined;
    const files = options.files;
    const clashes = existingFiles(options.folder, files);
    if (clashes.length) {
      throw new Error(`${options.folder} already holds ${clashes.join(', ')}; nothing was written. Choose another folder name.`);
    }
    const written = writeGeneratedFiles(options.folder, files);
    ctx.output.appendLine(`[wizard] wrote ${written.length} files into ${options.folder}`);
    const compose = vscode.Uri.file(path.join(options.folder, 'compose.yaml'));
    await vscode.window.showTextDocument(compose);
    if (!answers.noStartOffer) {
      void vscode.window
        .showInformationMessage(`PostgreSQL HA: ${files.length} files written to ${vscode.workspace.asRelativePath(options.folder)}. Start the cluster now?`, 'Start Cluster')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('pgha.cluster.start', compose.toString());
        });
    }
    return compose;
  } catch (error) {
    showFailure(ctx, 'Creating the cluster files', error);
    return undefined;
  }
};
