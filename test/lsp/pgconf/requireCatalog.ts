import * as fs from 'fs';
import * as path from 'path';
import { requirePart } from '../../support/parts';
import { repoRoot } from '../support';

/** The protocol tests need the generated catalog the server loads (data/catalog.json). */
export function requireCatalog(ctx: Mocha.Context): void {
  let why: string | undefined;
  try {
    const file = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data', 'catalog.json'), 'utf8')) as { parameters?: unknown[] };
    if (!file.parameters?.length) why = 'data/catalog.json has no parameters (run `npm run catalog`)';
  } catch (error) {
    why = `data/catalog.json cannot be read: ${String(error)}`;
  }
  requirePart(ctx, 'parameter catalog', why);
}
