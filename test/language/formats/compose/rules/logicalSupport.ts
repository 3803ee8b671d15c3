/** The logical-replication rules' test stack: a publisher and a subscriber with init folders ./pub and ./sub. */
import { getLanguageService } from '../../../../../language/service/languageService';
import { SqlParserHost } from '../../../../../language/sql/parser';
import { memoryFs, testCatalog, textDoc } from '../helpers';

export const stack = (publisherMajor = 15, subscriberMajor = 17, publisherCommand = 'postgres -c wal_level=logical', subscriberCommand = 'postgres') => `services:
  publisher:
    image: postgres:${publisherMajor}
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }
    command: ${publisherCommand}
    volumes:
      - ./pub:/docker-entrypoint-initdb.d:ro
  subscriber:
    image: postgres:${subscriberMajor}
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }
    depends_on: { publisher: { condition: service_healthy } }
    command: ${subscriberCommand}
    volumes:
      - ./sub:/docker-entrypoint-initdb.d:ro
`;

export const PUB_SCHEMA = 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\nCREATE TABLE events (at timestamptz, body jsonb);\n';
export const SUB_SCHEMA = 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\nCREATE TABLE events (at timestamptz, body jsonb);\n';
export const SUBSCRIPTION = "CREATE SUBSCRIPTION s CONNECTION 'host=publisher dbname=postgres user=postgres password=x' PUBLICATION shop;\n";

export async function check(files: Record<string, string>, text = stack()) {
  const sql = new SqlParserHost();
  await sql.load();
  const all = Object.fromEntries(Object.entries(files).map(([name, content]) => [`/work/project/${name}`, content]));
  const service = getLanguageService({ catalog: testCatalog(), fs: memoryFs(all), sql });
  const doc = textDoc(text);
  return service.getDiagnostics(doc).filter((d) => /^compose\/(logical|init-sql)/.test(String(d.code))).map((d) => ({ code: String(d.code), line: d.range.start.line, message: d.message, severity: d.severity }));
}
