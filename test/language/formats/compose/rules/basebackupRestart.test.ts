import * as assert from 'assert';
import type { ComposeDiagnosticData } from '../../../../../language/formats/compose/codes';
import { service, textDoc } from '../helpers';

const replica = (command: string, restart = 'always') => `services:
  primary:
    image: postgres:17
    environment: { POSTGRES_PASSWORD: x }
  replica:
    image: postgres:17
    restart: ${restart}
    environment: { PGPASSWORD: x }
    depends_on: [primary]
    command: ${command}
`;

const findings = (text: string) => service().getDiagnostics(textDoc(text)).filter((d) => d.code === 'compose/basebackup-restart-loop');

describe('compose/basebackup-restart-loop', () => {
  it('warns on pg_basebackup in a retry loop on every start under restart: always', () => {
    const [d, ...rest] = findings(replica(`bash -c "until pg_basebackup -h primary -U postgres -D /var/lib/postgresql/data -R; do sleep 1; done; exec docker-entrypoint.sh postgres"`));
    assert.strictEqual(rest.length, 0);
    assert.strictEqual((d.data as ComposeDiagnosticData).service, 'replica');
    assert.strictEqual(d.severity, 2);
    assert.match(d.message, /^"replica" runs pg_basebackup on every start without checking whether its data directory is already filled, and `restart: always` restarts it: after the first restart pg_basebackup refuses the non-empty directory and the retry loop spins forever\./);
  });

  it('says the container restarts forever without a loop, also for unless-stopped and on-failure:5', () => {
    for (const policy of ['unless-stopped', 'on-failure:5']) {
      const [d] = findings(replica(`bash -c "pg_basebackup -h primary -D /var/lib/postgresql/data -R && exec docker-entrypoint.sh postgres"`, policy));
      assert.match(d?.message ?? '', /the container restarts forever/, policy);
    }
  });

  it('stays silent when the command checks or empties the data directory, or nothing restarts it', () => {
    const guarded = [
      `bash -c "test -s /var/lib/postgresql/data/PG_VERSION || pg_basebackup -h primary -D /var/lib/postgresql/data -R; exec docker-entrypoint.sh postgres"`,
      `bash -c "if [ -z \\"$(ls -A /var/lib/postgresql/data)\\" ]; then pg_basebackup -h primary -D /var/lib/postgresql/data -R; fi; exec postgres"`,
      `bash -c "rm -rf /var/lib/postgresql/data/*; until pg_basebackup -h primary -D /var/lib/postgresql/data -R; do sleep 1; done; exec postgres"`,
    ];
    for (const command of guarded) assert.deepStrictEqual(findings(replica(command)), [], command);
    assert.deepStrictEqual(findings(replica(`bash -c "pg_basebackup -h primary -D /var/lib/postgresql/data -R && exec postgres"`, 'no')), []);
  });
});
