import * as assert from 'assert';
import { CODES } from '../../../../language/formats/pgpool/codes';
import { codes, diagnose } from './support';

const backends = "backend_hostname0 = 'db0'\nbackend_port0 = 5432\nbackend_hostname1 = 'db1'\nbackend_port1 = 5432\n";

describe('pgpool.conf cross-setting rules', () => {
  it('says why pgpool keeps waiting for a primary: no sr_check_user', () => {
    assert.deepStrictEqual(codes(diagnose(backends)), [CODES.primaryDetection]);
    assert.deepStrictEqual(diagnose(`${backends}sr_check_user = 'pgpool'\n`), []);
    assert.deepStrictEqual(diagnose(`${backends}backend_clustering_mode = 'raw'\n`), []);
  });

  it('says when follow_primary_command never runs', () => {
    const text = `${backends}sr_check_user = 'pgpool'\nfollow_primary_command = '/f.sh %d'\n`;
    assert.deepStrictEqual(codes(diagnose(text)), [CODES.followPrimary]);
    assert.deepStrictEqual(diagnose(`${text}failover_command = '/p.sh %d'\n`), []);
  });

  it('warns about md5-hashed passwords (SCRAM backends), weights that balance nothing, too many children', () => {
    const base = `${backends}sr_check_user = 'pgpool'\n`;
    assert.deepStrictEqual(codes(diagnose(`${base}sr_check_password = 'md5${'a'.repeat(32)}'\n`)), [CODES.scramPoolPasswd]);
    assert.deepStrictEqual(codes(diagnose(`${base}backend_weight0 = 1\nbackend_weight1 = 0\n`)), [CODES.loadBalanceWeights]);
    assert.deepStrictEqual(codes(diagnose(`${base}backend_weight0 = 0\nbackend_weight1 = 1\nbackend_hostname2 = 'db2'\nbackend_port2 = 5432\nbackend_weight2 = 1\n`)), []);
    assert.deepStrictEqual(codes(diagnose(`${base}num_init_children = 200\n`)), [CODES.connections]);
  });
});
