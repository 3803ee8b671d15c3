/** Examples of the programs' own words for invalid input, kept in data/pooler-messages.json for the formats' diagnostics. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolerJudge } from '../../differential/poolers/oracle';

export const MESSAGES_PATH = join(__dirname, '../../../data/pooler-messages.json');

export interface MessageExample {
  /** The line(s) that make the file invalid. */
  input: string;
  outcome: string;
  exitStatus?: number;
  /** The program's complaint lines (prefix-free; the judged file's path reads <file>). */
  message: string[];
}

export type MessageCases = Record<string, { file: string; input: string }>;

export async function collectMessages(judge: PoolerJudge, cases: MessageCases): Promise<Record<string, MessageExample>> {
  const names = Object.keys(cases);
  const verdicts = await judge.judge(names.map((name) => cases[name].file));
  const result: Record<string, MessageExample> = {};
  names.forEach((name, i) => {
    const v = verdicts[i];
    result[name] = { input: cases[name].input, outcome: v.outcome, exitStatus: v.exitStatus, message: v.message ? v.message.split('\n') : [] };
  });
  return result;
}

type MessagesFile = Record<string, Record<string, Record<string, MessageExample>>>;

/** Replaces these versions of one program in data/pooler-messages.json, keeping everything else. */
export function saveMessages(program: string, byVersion: Record<string, Record<string, MessageExample>>): void {
  const current = existsSync(MESSAGES_PATH) ? (JSON.parse(readFileSync(MESSAGES_PATH, 'utf8')) as MessagesFile) : {};
  const merged = { ...current[program], ...byVersion };
  current[program] = Object.fromEntries(Object.keys(merged).sort().map((line) => [line, merged[line]]));
  const ordered = Object.fromEntries(Object.keys(current).sort().map((key) => [key, current[key]]));
  writeFileSync(MESSAGES_PATH, `${JSON.stringify(ordered, null, 1)}\n`);
}
