import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Major } from '../catalog/types';
import type { ServiceContext } from '../service/context';
import { emptyService } from '../service/emptyService';
import type { DocumentService } from '../service/types';

export interface PgconfService extends DocumentService {
  getTargetMajor(doc: TextDocument): { major: Major; source: string };
}

/** postgresql.conf features. (Skeleton: replaced by the parser/validator work.) */
export function createPgconfService(context: ServiceContext): PgconfService {
  return {
    ...emptyService,
    getTargetMajor: () => ({ major: context.settings().defaultMajor, source: 'setting pgha.postgresVersion' }),
  };
}
