import { isCSpace } from './cNumbers';

/**
 * SplitIdentifierString (fold = true) and SplitGUCList (fold = false): comma-separated items, each either
 * "double-quoted" (two quotes for one) or a bare word up to a space or the separator. Bare words are
 * lower-cased when folding. Undefined on bad syntax (empty item, unterminated quote, stray text).
 */
export function splitIdentifiers(raw: string, separator = ',', fold = true): string[] | undefined {
  const items: string[] = [];
  let i = 0;
  while (isCSpace(raw[i])) i++;
  if (i >= raw.length) return items;
  for (;;) {
    let item = '';
    if (raw[i] === '"') {
      i++;
      for (;;) {
        const end = raw.indexOf('"', i);
        if (end < 0) return undefined;
        item += raw.slice(i, end);
        i = end + 1;
        if (raw[i] !== '"') break;
        item += '"';
        i++;
      }
    } else {
      const start = i;
      while (i < raw.length && raw[i] !== separator && !isCSpace(raw[i])) i++;
      if (i === start) return undefined;
      item = fold ? raw.slice(start, i).toLowerCase() : raw.slice(start, i);
    }
    items.push(item);
    while (isCSpace(raw[i])) i++;
    if (raw[i] === separator) {
      i++;
      while (isCSpace(raw[i])) i++;
    } else if (i >= raw.length) return items;
    else return undefined;
  }
}
