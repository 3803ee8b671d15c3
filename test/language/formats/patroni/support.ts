import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { loadCatalog } from '../../../../language/catalog/catalog';
import { loadPatroniCatalog } from '../../../../language/formats/patroni/catalog';
import { createPatroniService } from '../../../../language/formats/patroni/service';

/** One catalog of each kind for the tests of this folder (reading them is the slow part). */
export const patroniCatalog = loadPatroniCatalog();
export const pgCatalog = loadCatalog();

export function patroniService() {
  return createPatroniService({ catalog: pgCatalog, fs: nodeFileSystem, settings: () => ({ defaultMajor: 17 }) }, patroniCatalog);
}

export const patroniDoc = (text: string, uri = 'file:///etc/patroni/patroni.yml') => TextDocument.create(uri, 'patroni', 1, text);

/** A file `patroni --validate-config` accepts (given reachable etcd hosts and free ports) and no rule objects to. */
export const CLEAN = `scope: demo
name: patroni1
restapi:
  listen: 0.0.0.0:8008
  connect_address: patroni1:8008
  authentication:
    username: admin
etcd3:
  hosts: etcd1:2379,etcd2:2379,etcd3:2379
bootstrap:
  dcs:
    ttl: 30
    loop_wait: 10
    retry_timeout: 10
    synchronous_mode: true
    synchronous_mode_strict: true
    postgresql:
      use_pg_rewind: true
      parameters:
        max_connections: 200
        wal_level: replica
  initdb:
    - encoding: UTF8
    - data-checksums
  pg_hba:
    - host replication replicator 0.0.0.0/0 scram-sha-256
postgresql:
  listen: 0.0.0.0:5432
  connect_address: patroni1:5432
  data_dir: /var/lib/postgresql/15/main
  bin_dir: /usr/lib/postgresql/15/bin
  authentication:
    replication:
      username: replicator
    superuser:
      username: postgres
    rewind:
      username: rewind_user
  parameters:
    shared_buffers: 256MB
`;

export function diagnose(text: string): Diagnostic[] {
  return patroniService().getDiagnostics(patroniDoc(text));
}

export const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
