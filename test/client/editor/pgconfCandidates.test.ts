import * as assert from 'assert';
import { isPgconfCandidate } from '../../../client/src/editor/pgconfCandidates';

describe('isPgconfCandidate', () => {
  it('takes *.conf files that VS Code gave a default language', () => {
    assert.ok(isPgconfCandidate('/data/17/custom.conf', 'plaintext'));
    assert.ok(isPgconfCandidate('/data/17/tuning.conf', 'properties'));
  });

  it('leaves pg_hba.conf, pg_ident.conf, pg_service.conf and other extensions alone', () => {
    for (const name of ['pg_hba.conf', 'pg_ident.conf', 'pg_service.conf']) assert.ok(!isPgconfCandidate(`/data/17/${name}`, 'plaintext'), name);
    assert.ok(!isPgconfCandidate('/data/17/notes.txt', 'plaintext'));
  });

  it('respects a language the user mapped the file to', () => {
    assert.ok(!isPgconfCandidate('/data/17/custom.conf', 'nginx'));
    assert.ok(!isPgconfCandidate('/data/17/postgresql.conf', 'pgconf'));
  });
});
