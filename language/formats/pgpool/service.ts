import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseThenCheck } from '../../service/parseThenCheck';
import { baseName, uriToPath } from '../../../core/paths';
import { quickFixes } from '../../diagnostics';
import type { ServiceContext } from '../../service/context';
import { ItemListCache } from '../../service/completionList';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
import { PgpoolCatalog } from './catalog';
import { PGPOOL } from './codes';
import { pgpoolCompletions, resolvePgpoolCompletion } from './features/completion';
import { pgpoolHover } from './features/hover';
import type { PgpoolFeatureInput } from './features/input';
import { pgpoolSymbols } from './features/symbols';
import { parsePgpool, type ParsedPgpool } from './parser';
import { pgpoolRules } from './rules';
import { validatePgpool } from './validator';
import { statedVersion } from './version';

interface PgpoolParse {
  parsed: ParsedPgpool;
  lines: string[];
  version: string;
  versionAssumed: boolean;
}

/** pgpool.conf features over one cached parse per document version. */
export function createPgpoolService(context: ServiceContext, catalog = new PgpoolCatalog()): FormatService {
  void context;
  const parses = new DocumentCache<PgpoolParse>((doc, previous) => {
    const text = doc.getText();
    const path = uriToPath(doc.uri) ?? doc.uri;
    const parsed = parsePgpool(text, path, previous?.parsed);
    const lines = text.split('\n');
    const stated = statedVersion(lines, parsed, catalog);
    return { parsed, lines, version: stated ?? catalog.newest, versionAssumed: stated === undefined };
  });
  const completionCache = new ItemListCache();
  const input = (doc: TextDocument): PgpoolFeatureInput => {
    const { parsed, version } = parses.get(doc);
    return { doc, parsed, catalog, version, completionCache };
  };
  const diagnose = (doc: TextDocument) => {
    const { parsed, lines, version, versionAssumed } = parses.get(doc);
    return [...validatePgpool({ parsed, catalog, version, lines, versionAssumed }), ...pgpoolRules({ parsed, catalog, version, file: baseName(doc.uri) })];
  };
  return {
    ...emptyService,
    ...parseThenCheck(parses, diagnose),
    getCompletions: (doc, position) => pgpoolCompletions(input(doc), position),
    resolveCompletion: (item) => resolvePgpoolCompletion(item, { catalog }),
    getHover: (doc, position) => pgpoolHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => quickFixes(doc.uri, range, ctx, { formatId: PGPOOL }),
    getDocumentSymbols: (doc) => pgpoolSymbols(input(doc)),
  };
}
