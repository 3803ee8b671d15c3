/**
 * "New HA Cluster…" → logical replication: a publisher and a subscriber, possibly on different majors (13 → 17
 * rehearses a major upgrade), with example tables, a publication, the replication role, and a subscription that
 * copies the rows and then streams changes. examples/logical is this generator's output (a test keeps them equal).
 */
import { randomBytes } from 'node:crypto';
import { officialDataVolumeTarget } from '../../core/dataDirectory';
import { isMajor, MAJORS, type Major } from '../../core/majors';
import { DEFAULT_POSTGRES_PORT } from '../../core/postgresPort';
import { quoteConninfoValue } from '../../core/conninfo';
import { quoteLiteral } from '../../core/sql';
import type { GeneratedFile } from './generate';

export interface LogicalWizardOptions {
  publisherMajor: number;
  subscriberMajor: number;
  /** Host port of the publisher; the subscriber gets the next one. */
  basePort: number;
  superuserPassword?: string;
  replicationPassword?: string;
}

export function validateLogicalOptions(o: LogicalWizardOptions): string[] {
  const problems: string[] = [];
  for (const [what, major] of [['publisher', o.publisherMajor], ['subscriber', o.subscriberMajor]] as const) {
    if (!isMajor(major)) problems.push(`The ${what}'s PostgreSQL major must be one of ${MAJORS.join(', ')} (got ${major}).`);
  }
  if (isMajor(o.publisherMajor) && isMajor(o.subscriberMajor) && o.subscriberMajor < o.publisherMajor) {
    problems.push(`The subscriber (${o.subscriberMajor}) should not be older than the publisher (${o.publisherMajor}): logical replication is the way up to a newer major.`);
  }
  if (!Number.isInteger(o.basePort) || o.basePort < 1024 || o.basePort + 1 > 65535) problems.push(`Base port must be a whole number from 1024 to 65534 (got ${o.basePort}).`);
  return problems;
}

const password = () => randomBytes(18).toString('base64url');

function service(name: string, major: Major, hostPort: number, extra: string[]): string[] {
  return [
    `  ${name}:`,
    `    image: postgres:${major}`,
    '    environment:',
    '      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password',
    '      POSTGRES_DB: app',
    '      POSTGRES_INITDB_ARGS: --auth-host=scram-sha-256 --no-sync',
    ...extra,
    '    healthcheck:',
    `      test: ["CMD-SHELL", "pg_isready -U postgres -d app -h 127.0.0.1 -p ${DEFAULT_POSTGRES_PORT}"]`,
    '      interval: 5s',
    '      timeout: 3s',
    '      retries: 12',
    '      start_period: 30s',
    '    ports:',
    `      - "127.0.0.1:${hostPort}:${DEFAULT_POSTGRES_PORT}"`,
    '    volumes:',
    `      - ${name}-data:${officialDataVolumeTarget(major)}`,
    `      - ./${name}:/docker-entrypoint-initdb.d:ro`,
  ];
}

function composeFile(o: LogicalWizardOptions & { publisherMajor: Major; subscriberMajor: Major }): string {
  return [
    `# Logical replication from PostgreSQL ${o.publisherMajor} to ${o.subscriberMajor}${o.publisherMajor < o.subscriberMajor ? ': a rehearsal of a major upgrade with little downtime' : ''}.`,
    '# Start:  pgha up compose.yaml --wait      (or: docker compose up -d)',
    '# Stop:   pgha down compose.yaml [--volumes]',
    '# - the publisher publishes two tables; the subscriber creates the same tables and subscribes,',
    '#   so rows written on the publisher arrive on the subscriber (logical replication copies rows, not schema)',
    '# - wal_level=logical on the publisher; the subscription connects as "replicator" (REPLICATION, SELECT)',
    '# - ports published on 127.0.0.1 only; the passwords are in the secrets/ files and the init SQL',
    '',
    'services:',
    ...service('publisher', o.publisherMajor, o.basePort, ['    command: postgres -c wal_level=logical -c max_replication_slots=10 -c max_wal_senders=10', '    secrets: [postgres_password]']),
    '',
    ...service('subscriber', o.subscriberMajor, o.basePort + 1, ['    secrets: [postgres_password]', '    depends_on:', '      publisher:', '        condition: service_healthy']),
    '',
    'secrets:',
    '  postgres_password:',
    '    file: ./secrets/postgres_password.txt',
    '',
    'volumes:',
    '  publisher-data:',
    '  subscriber-data:',
    '',
  ].join('\n');
}

const table = (identity: 'ALWAYS' | 'BY DEFAULT') => `CREATE TABLE customers (
  id bigint GENERATED ${identity} AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id bigint GENERATED ${identity} AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total numeric(12, 2) NOT NULL,
  placed_at timestamptz NOT NULL DEFAULT now()
);
`;

/** The stack's files; throws with every problem of the options. */
export function generateLogical(options: LogicalWizardOptions): GeneratedFile[] {
  const problems = validateLogicalOptions(options);
  if (problems.length) throw new Error(problems.join(' '));
  const o = options as LogicalWizardOptions & { publisherMajor: Major; subscriberMajor: Major };
  const replication = options.replicationPassword ?? password();
  const conninfo = ['host=publisher', `port=${DEFAULT_POSTGRES_PORT}`, 'dbname=app', 'user=replicator', `password=${quoteConninfoValue(replication)}`].join(' ');
  return [
    { path: 'compose.yaml', content: composeFile(o) },
    {
      path: 'publisher/01-schema.sql',
      content: `-- The tables the publisher owns. Each has a primary key, so UPDATE and DELETE can be replicated.\n${table('ALWAYS')}\nINSERT INTO customers (name) VALUES ('Ada'), ('Grace'), ('Edsger');\nINSERT INTO orders (customer_id, total) VALUES (1, 42.00), (2, 17.50), (3, 99.90);\n`,
    },
    {
      path: 'publisher/02-publication.sql',
      content: `-- The role the subscriber connects as: REPLICATION to stream changes, SELECT for the initial copy.\nCREATE ROLE replicator WITH LOGIN REPLICATION PASSWORD ${quoteLiteral(replication)};\nGRANT SELECT ON customers, orders TO replicator;\n\nCREATE PUBLICATION shop FOR TABLE customers, orders;\n`,
    },
    {
      path: 'subscriber/01-schema.sql',
      content: `-- Logical replication copies rows, not schema: the subscriber creates the same tables itself.\n-- BY DEFAULT (not ALWAYS) identity columns, so replicated rows keep the publisher's ids.\n${table('BY DEFAULT')}`,
    },
    {
      path: 'subscriber/02-subscription.sql',
      content: `-- Subscribes to the publisher's "shop" publication: copies the existing rows, then streams changes.\nCREATE SUBSCRIPTION shop_sub\n  CONNECTION ${quoteLiteral(conninfo)}\n  PUBLICATION shop;\n`,
    },
    { path: 'secrets/postgres_password.txt', content: `${options.superuserPassword ?? password()}\n`, secret: true },
    { path: 'secrets/.gitignore', content: '# generated passwords: never commit them\n*\n!.gitignore\n' },
  ];
}
