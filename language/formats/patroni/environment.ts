/**
 * PATRONI_* environment variables (a compose service running Patroni): the names Patroni 3.0 reads, from the
 * generated catalog, each landing on a key of the configuration, and the verdict of Patroni's validator on the value
 * there (the environment is merged into the file's configuration before it is validated).
 */
import { closestMatches } from '../pgconf/didYouMean';
import type { PatroniCatalogFile } from './catalog';
import { schemaAt } from './catalog';
import { describePath } from './descriptions';
import { parsePatroni, type PyNode } from './document';
import { resultText, schemaFailures } from './schema';

export interface PatroniVariable {
  name: string;
  /** The configuration key it sets (`restapi.listen`). */
  path: string;
  description: string;
  secret: boolean;
}

/** Every variable of the catalog with our description of the key it sets, plus PATRONI_CONFIGURATION. */
export function patroniVariables(catalog: PatroniCatalogFile): PatroniVariable[] {
  const variables = Object.entries(catalog.environment).map(([name, target]) => ({
    name,
    path: target.path,
    description: describePath(target.path) ?? `Sets ${target.path} of Patroni's configuration.`,
    secret: /password$/.test(target.path),
  }));
  variables.push({ name: catalog.configVariable, path: '', description: "Patroni's whole configuration as YAML, read when no configuration file is given.", secret: false });
  return variables;
}

/** A bootstrap user (PATRONI_<USER>_PASSWORD / _OPTIONS): any name, created once at bootstrap. */
const USER_VARIABLE = /^PATRONI_(.+)_(PASSWORD|OPTIONS)$/;

export interface VariableVerdict {
  known: boolean;
  /** What `patroni --validate-config` says about the value where it lands, if anything. */
  message?: string;
  /** Close names Patroni does read, for an unknown one. */
  suggestions?: string[];
}

/**
 * The value as Patroni hands it on: the catalog says which variables it parses into a number, a flag, a list or a
 * mapping. Lists and mappings go through YAML as Patroni's _parse_list/_parse_dict do (`a:1,b:2` → `[a:1,b:2]`);
 * a value YAML refuses is dropped by Patroni with a logged exception: undefined (nothing to judge).
 */
function valueNode(value: string, parsed: string): PyNode | undefined {
  const span = { start: 0, end: 0 };
  if (parsed === 'int' && /^\s*[-+]?\d+\s*$/.test(value)) return { kind: 'int', value: Number(value), text: value.trim(), ...span };
  if (parsed === 'bool') return { kind: 'bool', value: /^(on|true|yes|1)$/i.test(value.trim()), ...span };
  if (parsed === 'list' || parsed === 'dict') {
    const wrapped = parsed === 'list' ? (value.trim().startsWith('-') || value.includes('[') ? value : `[${value}]`) : value.trim().startsWith('{') ? value : `{${value}}`;
    const doc = parsePatroni(wrapped);
    return doc.errors.length ? undefined : doc.root;
  }
  return { kind: 'str', value, ...span };
}

export function checkPatroniVariable(catalog: PatroniCatalogFile, name: string, value: string | undefined): VariableVerdict {
  const target = catalog.environment[name];
  if (!target) {
    const known = name === catalog.configVariable || USER_VARIABLE.test(name);
    return known ? { known } : { known, suggestions: closestMatches(name, Object.keys(catalog.environment)) };
  }
  const schema = schemaAt(catalog.schema, target.path.split('.'));
  const node = value === undefined || /\$\{?[A-Za-z_]/.test(value) ? undefined : valueNode(value, target.parsed);
  if (!schema || !node) return { known: true };
  const failures = schemaFailures({ kind: 'dict', keys: [{ names: [target.path], optional: false, value: schema }] }, { kind: 'dict', entries: new Map([[target.path, node]]), start: 0, end: 0 });
  return { known: true, message: failures.map(resultText).map((line) => line.replace(/ {2,}/, ' ').trim()).join('; ') || undefined };
}


/** The Patroni catalog for another format (compose), read on first use, once per service. */
export class PatroniKnowledge {
  private file?: PatroniCatalogFile;
  private list?: PatroniVariable[];

  constructor(private readonly load: () => PatroniCatalogFile) {}

  get catalog(): PatroniCatalogFile {
    this.file ??= this.load();
    return this.file;
  }

  get variables(): PatroniVariable[] {
    this.list ??= patroniVariables(this.catalog);
    return this.list;
  }

  variable(name: string): PatroniVariable | undefined {
    return this.variables.find((v) => v.name === name);
  }
}
