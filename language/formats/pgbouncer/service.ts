import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseThenCheck } from '../../service/parseThenCheck';
import { uriToPath } from '../../../core/paths';
import { quickFixes } from '../../diagnostics';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
import { PGBOUNCER } from './codes';
import { pgbouncerCompletions, pgbouncerFolding, pgbouncerHover, pgbouncerSymbols, resolvePgbouncerCompletion, type FeatureInput } from './features';
import { pgbouncerKnowledge } from './knowledge';
import { parseIni } from './parser';
import { PgbouncerVersionFinder, type TargetVersion } from './targetVersion';
import { validatePgbouncer } from './validator';

/** pgbouncer.ini features over one cached parse per document version. */
export function createPgbouncerService(context: ServiceContext): FormatService {
  const knowledge = pgbouncerKnowledge();
  const parses = new DocumentCache((doc) => parseIni(doc.getText()));
  const finder = new PgbouncerVersionFinder(context.fs, knowledge);
  // The compose search runs once per document version: features ask on every keystroke.
  const targets = new WeakMap<TextDocument, { version: number; target: TargetVersion }>();
  const targetOf = (doc: TextDocument): TargetVersion => {
    const hit = targets.get(doc);
    if (hit && hit.version === doc.version) return hit.target;
    const file = uriToPath(doc.uri);
    const target = file ? finder.find(file) : { version: knowledge.newest };
    targets.set(doc, { version: doc.version, target });
    return target;
  };
  const input = (doc: TextDocument): FeatureInput => ({ doc, parsed: parses.get(doc), knowledge, version: targetOf(doc).version });
  const diagnose = (doc: TextDocument) => {
    const target = targetOf(doc);
    return validatePgbouncer({ parsed: parses.get(doc), file: uriToPath(doc.uri) ?? '', knowledge, version: target.version, versionAssumed: !target.source, fs: context.fs, serverLimits: target.limits });
  };
  return {
    ...emptyService,
    ...parseThenCheck(parses, diagnose),
    getCompletions: (doc, position) => pgbouncerCompletions(input(doc), position),
    resolveCompletion: (item) => resolvePgbouncerCompletion(item, knowledge),
    getHover: (doc, position) => pgbouncerHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => quickFixes(doc.uri, range, ctx, { formatId: PGBOUNCER }),
    getDocumentSymbols: (doc) => pgbouncerSymbols(input(doc)),
    getFoldingRanges: (doc) => pgbouncerFolding(input(doc)),
  };
}
