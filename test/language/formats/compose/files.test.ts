import * as assert from 'assert';
import { requirePart } from '../../../support/parts';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { readSmallFile } from '../../../../language/formats/compose/files';
import { memoryFs, service, textDoc } from './helpers';

/** Files a compose file points at (.env, env_file, mounted configs) are read bounded: regular files only, small ones only. */
describe('compose: bounded reads of the files a compose file names', () => {
  it('reads through readFileChecked when the host has it, and gives nothing for what it refuses or what is too large', () => {
    const host = { ...memoryFs({ '/p/a.env': 'A=1\n', '/p/big.env': 'x'.repeat(64) }), regularFileSize: (p: string) => (p.endsWith('.env') ? 4 : undefined) };
    assert.strictEqual(readSmallFile({ ...host, readFileChecked: () => ({ refused: 'fifo' }) }, '/p/a.env'), undefined);
    assert.strictEqual(readSmallFile({ ...host, readFileChecked: () => ({ text: 'A=2\n' }) }, '/p/a.env'), 'A=2\n');
    assert.strictEqual(readSmallFile(host, '/p/big.env', 16), undefined, 'the text is longer than the limit');
    assert.strictEqual(readSmallFile(host, '/p/missing.conf'), undefined);
  });

  it('a .env, env_file and mounted pg_hba.conf that are FIFOs do not block the check', function () {
    requirePart(this, 'FIFOs (mkfifo)', process.platform === 'win32' ? 'Windows has no FIFOs' : undefined);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-compose-fifo-'));
    try {
      for (const name of ['.env', 'db.env', 'pg_hba.conf']) execFileSync('mkfifo', [path.join(dir, name)]);
      const text = ['services:', '  db:', '    image: postgres:17', '    env_file: db.env', '    command: postgres -c hba_file=/etc/pg/pg_hba.conf', '    environment:', '      POSTGRES_PASSWORD: ${PW:-x}', '    volumes:', '      - ./pg_hba.conf:/etc/pg/pg_hba.conf', ''].join('\n');
      const codes = service(nodeFileSystem).getDiagnostics(textDoc(text, pathToFileURL(path.join(dir, 'compose.yaml')).toString())).map((d) => d.code);
      assert.ok(!codes.includes('compose/trust-auth'), codes.join(', '));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
