import { checkStringValue } from '../../../../language/formats/pgconf/stringChecks';

export type Major = 13 | 14 | 15 | 16 | 17 | 18;

/** A string check's verdict in one line: 'ok <printed value>', or the message and hint. */
export function hookVerdict(name: string, value: string, major: Major = 17): string {
  const result = checkStringValue(name, value, major);
  return result.ok ? `ok ${result.canonical}` : `${result.message} | ${result.hint ?? ''}`;
}
