/** libpq key=value connection strings (primary_conninfo): parse, edit, print. */

export function parseConninfo(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const pattern = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S+))/g;
  for (const match of text.matchAll(pattern)) {
    values.set(match[1], match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]);
  }
  return values;
}

function quoteValue(value: string): string {
  return /^[^\s'\\]+$/.test(value) ? value : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function formatConninfo(values: Map<string, string>): string {
  return [...values].map(([key, value]) => `${key}=${quoteValue(value)}`).join(' ');
}

/** The replica's conninfo aimed at another upstream: host/port replaced, credentials and options kept. */
export function repointConninfo(current: string, host: string, port: number, applicationName: string): string {
  const values = parseConninfo(current);
  values.set('host', host);
  values.set('port', String(port));
  values.delete('hostaddr');
  if (!values.has('application_name')) values.set('application_name', applicationName);
  return formatConninfo(values);
}
