/**
 * A generated HA compose file for benchmarks: anchors with merge keys, a primary, replicas cloning it
 * through `bash -c` scripts with slots, poolers, and plain application services (~25 lines each).
 */
export function generateComposeFile(serviceCount = 200): string {
  const lines: string[] = [
    'name: bench',
    'x-postgres-common: &postgres-common',
    '  image: postgres:17-alpine',
    '  restart: unless-stopped',
    '  user: postgres',
    '  healthcheck: &pg-health',
    '    test: ["CMD", "pg_isready", "-h", "localhost", "-U", "app"]',
    '    interval: 5s',
    '    timeout: 3s',
    '    retries: 10',
    '  environment: &pg-env',
    '    POSTGRES_USER: app',
    '    POSTGRES_DB: app',
    '    POSTGRES_PASSWORD_FILE: /run/secrets/pg_password',
    '',
    'services:',
  ];
  // Shared by every service: logging options and a few labels (keeps the file near 25 lines per service).
  const common = (i: number) => [
    '    logging:',
    '      driver: json-file',
    '      options:',
    `        max-size: "${10 + (i % 5)}m"`,
    '    stop_grace_period: 30s',
    '    networks:',
    '      - backend',
  ];
  for (let i = 0; i < serviceCount; i++) {
    const kind = i === 0 ? 'primary' : i % 4 === 1 ? 'pooler' : i % 4 === 2 ? 'app' : 'replica';
    const name = i === 0 ? 'pg_primary' : `${kind}_${i}`;
    lines.push(`  ${name}:`, ...common(i));
    if (kind === 'primary') {
      lines.push(
        '    <<: *postgres-common',
        '    ports:',
        '      - "127.0.0.1:5432:5432"',
        '    command:',
        '      - postgres',
        '      - -c',
        '      - wal_level=replica',
        '      - -c',
        '      - max_wal_senders=120',
        '      - -c',
        '      - max_replication_slots=120',
        '      - -c',
        '      - hot_standby=on',
        '    volumes:',
        '      - pg_primary_data:/var/lib/postgresql/data',
        '      - ./initdb:/docker-entrypoint-initdb.d:ro',
      );
    } else if (kind === 'replica') {
      lines.push(
        '    <<: *postgres-common',
        '    ports:',
        `      - "127.0.0.1:${6000 + i}:5432"`,
        '    environment:',
        '      PGUSER: replicator',
        '      PGPASSWORD_FILE: /run/secrets/replicator_password',
        '    command: |',
        '      bash -c "',
        `      until pg_basebackup --pgdata=/var/lib/postgresql/data -R --slot=slot_${i} -C --host=pg_primary --port=5432`,
        '      do',
        "      echo 'Waiting for primary...'",
        '      sleep 1s',
        '      done',
        '      chmod 0700 /var/lib/postgresql/data',
        `      postgres -c hot_standby=on -c work_mem=${4 + (i % 8)}MB`,
        '      "',
        '    depends_on:',
        '      pg_primary:',
        '        condition: service_healthy',
        '    labels:',
        `      bench.index: "${i}"`,
      );
    } else if (kind === 'pooler') {
      lines.push(
        '    image: bitnami/pgbouncer:1.23.1',
        '    environment:',
        '      POSTGRESQL_HOST: pg_primary',
        '      PGBOUNCER_DATABASE: app',
        '      PGBOUNCER_POOL_MODE: transaction',
        '    ports:',
        `      - "127.0.0.1:${7000 + i}:6432"`,
        '    depends_on:',
        '      pg_primary:',
        '        condition: service_healthy',
        '    labels:',
        `      bench.index: "${i}"`,
        '      bench.kind: pooler',
      );
    } else {
      lines.push(
        '    image: nginx:1.27',
        '    environment:',
        `      APP_INDEX: "${i}"`,
        '      DATABASE_HOST: pg_primary',
        '    ports:',
        `      - "127.0.0.1:${8000 + i}:80"`,
        '    depends_on:',
        '      - pg_primary',
        '    labels:',
        `      bench.index: "${i}"`,
        '      bench.kind: app',
      );
    }
  }
  lines.push('', 'networks:', '  backend:', '', 'volumes:', '  pg_primary_data:', '', 'secrets:', '  pg_password:', '    file: ./secrets/pg_password.txt', '  replicator_password:', '    file: ./secrets/replicator_password.txt', '');
  return lines.join('\n');
}
