/** pg_hba.conf support: parse, validate (faithful to PostgreSQL 13–18, proven by a differential test), describe, complete. */
export { HBA_CODES, type HbaCode } from './codes';
export { hbaCompletions } from './completions';
export { describeLine } from './describe';
export { parseHba, type HbaLine, type ParsedHba } from './parser';
export { hbaRows, type HbaRow } from './rules';
export { EMBEDDED_BUILD, HBA_MAJORS, type HbaBuild, type HbaFileSystem, type HbaMajor, type HbaServer, type HbaToken } from './types';
export { validateHba, type ValidateHbaInput } from './validator';
export type { HbaRule } from './verdict';
