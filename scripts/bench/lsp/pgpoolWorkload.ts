/** The 2,000-line pgpool.conf of the pgpool benches (in-process bench:pgpool and over stdio bench:lsp --only pgpool). */
import type { Workload } from './scenario';

/** 128 backends of five settings each, then settings and comments up to 2,000 lines. */
export function bigPgpoolFile(): string {
  const lines = ['# pgpool-II 4.6', "listen_addresses = '*'", 'port = 9999', "sr_check_user = 'pgpool'", "failover_command = '/f.sh %d'"];
  for (let n = 0; n < 128; n++) lines.push(`# node ${n}`, `backend_hostname${n} = 'db${n}'`, `backend_port${n} = 5432`, `backend_weight${n} = 1`, `backend_flag${n} = 'ALLOW_TO_FAILOVER'`, `backend_data_directory${n} = '/data'`);
  while (lines.length < 2000) lines.push(lines.length % 3 ? `# comment ${lines.length}` : `health_check_period = ${lines.length}`);
  return lines.join('\n') + '\n';
}

/** Typing in setting values and comments over the whole file; completion and hover on names and values. */
export function pgpoolWorkload(): Workload {
  const text = bigPgpoolFile();
  const all = text.split('\n');
  const values = all.flatMap((l, line) => (/^health_check_period = /.test(l) ? [{ line, character: l.length }] : []));
  const comments = all.flatMap((l, line) => (/^# comment /.test(l) ? [{ line, character: 2 }] : []));
  const typing = Array.from({ length: 12 }, (_, i) => [values[Math.floor((i * values.length) / 12)], comments[Math.floor((i * comments.length) / 12)]]).flat();
  const backend64 = 5 + 64 * 6 + 1;
  return {
    title: `pgpool.conf, ${all.length.toLocaleString('en')} lines, 128 backends`,
    fileName: 'pgpool.conf',
    text,
    typing,
    completions: [
      { label: 'empty line (every setting)', position: { line: all.length - 1, character: 0 } },
      { label: 'setting name prefix', position: { line: backend64 + 1, character: 9 } },
      { label: 'enum value (backend_flag)', position: { line: backend64 + 3, character: 'backend_flag64 = '.length + 1 } },
    ],
    hovers: [
      { label: 'numbered setting name', position: { line: backend64, character: 3 } },
      { label: 'setting value', position: { line: 2, character: 'port = '.length + 1 } },
    ],
  };
}
