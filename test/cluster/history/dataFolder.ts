/** A stand-in PostgreSQL data folder: PG_VERSION and a pg_control whose first 8 bytes are `systemIdentifier`. */
import * as fs from 'fs';
import * as path from 'path';

export function fakeDataFolder(dir: string, systemIdentifier: bigint): void {
  fs.mkdirSync(path.join(dir, 'global'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
  const control = Buffer.alloc(8192);
  control.writeBigUInt64LE(systemIdentifier, 0);
  fs.writeFileSync(path.join(dir, 'global', 'pg_control'), control);
}
