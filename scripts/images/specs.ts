/**
 * What the test images are: one Debian suite each, the packages that bring the real program, our entrypoint
 * (following the contract of the widely used image of that program), and the image names mapped onto it.
 */

export type Program = 'postgres' | 'pgbouncer' | 'pgpool' | 'patroni' | 'etcd';

export interface ImageSpec {
  program: Program;
  /** Version line the tag carries: '15', '1.18', '4.3' (the program's, checked against versionPackage). */
  version: string;
  /** What the tag adds after the version ('-pg15': the PostgreSQL major a Patroni image carries). */
  tagSuffix?: string;
  suite: string;
  /** Debian package whose version must start with `version` (guards against a suite moving on). */
  versionPackage: string;
  packages: string[];
  /** Scripts copied into /usr/local/bin: installed name → file in this folder. */
  scripts: Record<string, string>;
  /** Shell lines run inside the root file system after the packages are installed. */
  setup: string[];
  /** `docker import --change` lines (ENTRYPOINT, CMD, ENV, EXPOSE…). */
  changes: string[];
  /** Widely used names (repository:tag) that the image map points at this image. */
  officialNames: string[];
  /** Built only when asked for by name (--only), e.g. an old release the catalogs read names from. */
  optional?: boolean;
}

export const TEST_IMAGE_NAMESPACE = 'pgha-test';
export const TEST_IMAGE_REPOSITORY = `${TEST_IMAGE_NAMESPACE}/postgres`;

export function specTag(spec: Pick<ImageSpec, 'program' | 'version' | 'tagSuffix'>): string {
  return `${TEST_IMAGE_NAMESPACE}/${spec.program}:${spec.version}${spec.tagSuffix ?? ''}`;
}

const PATH_TAIL = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const CLEANUP = ['rm -f /usr/sbin/policy-rc.d', 'apt-get clean', 'rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* /usr/share/info/*'];

function postgresSpec(major: number, suite: string): ImageSpec {
  const variants = [`${major}`, `${major}-alpine`, `${major}-bookworm`, `${major}-bullseye`, `${major}-trixie`, `${major}-${suite}`];
  const bin = `/usr/lib/postgresql/${major}/bin`;
  return {
    program: 'postgres',
    version: String(major),
    suite,
    versionPackage: `postgresql-${major}`,
    packages: [`postgresql-${major}`, 'gosu'],
    scripts: { 'docker-entrypoint.sh': 'entrypoint.sh', 'pgha-entrypoint-lib.sh': 'entrypoint-lib.sh' },
    setup: [
      'mkdir -p /var/lib/postgresql/data /docker-entrypoint-initdb.d /var/run/postgresql',
      'chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql',
      'chmod 700 /var/lib/postgresql/data',
      // Like the official image: a new cluster listens on every interface of the container.
      `sed -ri "s/^#?(listen_addresses)\\s*=\\s*\\S+.*/\\1 = '*'/" /usr/share/postgresql/${major}/postgresql.conf.sample`,
      `grep -q "^listen_addresses = '\\*'" /usr/share/postgresql/${major}/postgresql.conf.sample`,
      ...CLEANUP,
    ],
    changes: [
      `ENV PATH=${bin}:${PATH_TAIL}`,
      'ENV PGDATA=/var/lib/postgresql/data',
      'ENV LANG=C.UTF-8',
      `ENV PG_MAJOR=${major}`,
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD ["postgres"]',
      'EXPOSE 5432',
      'VOLUME /var/lib/postgresql/data',
    ],
    officialNames: [...new Set(variants)].map((variant) => `postgres:${variant}`),
  };
}

/** `1.24` → 1.24, 1.24.0…1.24.<lastPatch>; with `suffixes` (edoburu's '', -p0…) also a leading-v form of each. */
function releaseTags(line: string, lastPatch: number, suffixes: string[] = []): string[] {
  const tags = [line];
  for (let patch = 0; patch <= lastPatch; patch++) {
    const release = `${line}.${patch}`;
    tags.push(release);
    for (const suffix of suffixes) tags.push(`${release}${suffix}`, `v${release}${suffix}`);
  }
  return tags;
}

function named(repository: string, tags: string[]): string[] {
  return [...new Set(tags)].map((tag) => `${repository}:${tag}`);
}

interface PoolerRecipe {
  program: 'pgbouncer' | 'pgpool';
  versionPackage: string;
  /** Shell lines that prepare the program's folders (before the common clean-up). */
  prepare: string[];
  ports: string;
  /** Repositories whose tags map onto the image: all get the release tags; the newest image also `latest` and these. */
  names: { repository: string; suffixes?: string[]; newestTags: string[] }[];
}

const POOLERS: Record<PoolerRecipe['program'], PoolerRecipe> = {
  pgbouncer: {
    program: 'pgbouncer',
    versionPackage: 'pgbouncer',
    prepare: [
      // The packaged sample config would look like a mounted one: the entrypoint generates or expects its own.
      'rm -f /etc/pgbouncer/pgbouncer.ini /etc/pgbouncer/userlist.txt',
      'mkdir -p /etc/pgbouncer /var/run/postgresql /var/log/pgbouncer /bitnami/pgbouncer/conf /opt/bitnami/pgbouncer/conf /docker-entrypoint-initdb.d',
      'chown -R postgres:postgres /etc/pgbouncer /var/run/postgresql /var/log/pgbouncer /bitnami/pgbouncer /opt/bitnami/pgbouncer',
    ],
    ports: '5432 6432',
    names: [
      { repository: 'edoburu/pgbouncer', suffixes: ['', '-p0', '-p1', '-p2'], newestTags: ['latest'] },
      { repository: 'bitnami/pgbouncer', newestTags: ['latest', '1'] },
    ],
  },
  pgpool: {
    program: 'pgpool',
    versionPackage: 'pgpool2',
    prepare: [
      // Keep the packaged pgpool.conf as a sample: /etc/pgpool2/pgpool.conf then exists only when mounted or generated.
      'mkdir -p /usr/local/share/pgha && mv /etc/pgpool2/pgpool.conf /usr/local/share/pgha/pgpool.conf.sample',
      'mkdir -p /var/run/postgresql /var/run/pgpool /var/log/pgpool /config /opt/bitnami/pgpool/conf /docker-entrypoint-initdb.d',
      'chown -R postgres:postgres /etc/pgpool2 /var/run/postgresql /var/run/pgpool /var/log/pgpool /opt/bitnami/pgpool',
    ],
    ports: '5432 9999 9898',
    names: [
      { repository: 'bitnami/pgpool', newestTags: ['latest', '4'] },
      { repository: 'pgpool/pgpool', newestTags: ['latest'] },
    ],
  },
};

function poolerSpec(program: PoolerRecipe['program'], version: string, suite: string, lastPatch: number, newest: boolean): ImageSpec {
  const recipe = POOLERS[program];
  const entrypoint = `${program}-entrypoint.sh`;
  return {
    program,
    version,
    suite,
    versionPackage: recipe.versionPackage,
    packages: [recipe.versionPackage, 'postgresql-client', 'gosu'],
    scripts: { [entrypoint]: entrypoint, 'pgha-entrypoint-lib.sh': 'entrypoint-lib.sh' },
    setup: [...recipe.prepare, ...CLEANUP],
    changes: [`ENV PATH=${PATH_TAIL}`, 'ENV LANG=C.UTF-8', `ENTRYPOINT ["${entrypoint}"]`, `CMD ["${program}"]`, `EXPOSE ${recipe.ports}`],
    officialNames: recipe.names.flatMap((n) => named(n.repository, [...releaseTags(version, lastPatch, n.suffixes), ...(newest ? n.newestTags : [])])),
  };
}

/**
 * Patroni 3.0 (bookworm) with PostgreSQL `major` and python3-etcd (etcd v2 and v3 stores). No public name is mapped:
 * the Patroni project publishes no image (its docker recipe is built locally, from a source tree), and Spilo
 * (ghcr.io/zalando/spilo-*) is configured through its own generator (SPILO_CONFIGURATION, PGVERSION, WAL-E/WAL-G
 * backups, several PostgreSQL majors in one image), a contract this image does not honour.
 */
function patroniSpec(major: number): ImageSpec {
  return {
    program: 'patroni',
    version: '3.0',
    tagSuffix: `-pg${major}`,
    suite: 'bookworm',
    versionPackage: 'patroni',
    packages: ['patroni', 'python3-etcd', `postgresql-${major}`, 'gosu'],
    scripts: { 'patroni-entrypoint.sh': 'patroni-entrypoint.sh', 'pgha-entrypoint-lib.sh': 'entrypoint-lib.sh' },
    setup: [
      `mkdir -p /var/lib/postgresql/${major} /var/run/postgresql /etc/patroni`,
      'chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql /etc/patroni',
      ...CLEANUP,
    ],
    changes: [
      `ENV PATH=/usr/lib/postgresql/${major}/bin:${PATH_TAIL}`,
      `ENV PGDATA=/var/lib/postgresql/${major}/data`,
      'ENV LANG=C.UTF-8',
      'ENTRYPOINT ["patroni-entrypoint.sh"]',
      'EXPOSE 5432 8008',
    ],
    officialNames: [],
  };
}

/**
 * etcd 3.4 (bookworm's etcd-server and etcd-client) under the contract of the etcd project's images: binaries in
 * /usr/local/bin, no entrypoint logic, ETCD_* read by etcd. Mapped: quay.io/coreos/etcd and gcr.io/etcd-development/etcd
 * v3.4.0…v3.4.<lastPatch> (never a newer patch than the binary). Not mapped: bitnami/etcd, whose scripts set up
 * authentication (ETCD_ROOT_PASSWORD or ALLOW_NONE_AUTHENTICATION), run as user 1001 and keep data in /bitnami/etcd.
 */
function etcdSpec(lastPatch: number): ImageSpec {
  const tags = releaseTags('3.4', lastPatch).slice(1).map((tag) => `v${tag}`);
  return {
    program: 'etcd',
    version: '3.4',
    suite: 'bookworm',
    versionPackage: 'etcd-server',
    packages: ['etcd-server', 'etcd-client'],
    scripts: { 'etcd-entrypoint.sh': 'etcd-entrypoint.sh' },
    setup: ['ln -sf /usr/bin/etcd /usr/local/bin/etcd', 'ln -sf /usr/bin/etcdctl /usr/local/bin/etcdctl', 'mkdir -p /etcd-data', ...CLEANUP],
    changes: [`ENV PATH=${PATH_TAIL}`, 'ENV ETCDCTL_API=3', 'ENTRYPOINT ["etcd-entrypoint.sh"]', 'CMD ["/usr/local/bin/etcd"]', 'EXPOSE 2379 2380'],
    officialNames: [...named('quay.io/coreos/etcd', tags), ...named('gcr.io/etcd-development/etcd', tags)],
  };
}

export const IMAGE_SPECS: ImageSpec[] = [
  postgresSpec(13, 'bullseye'),
  postgresSpec(15, 'bookworm'),
  postgresSpec(17, 'trixie'),
  poolerSpec('pgbouncer', '1.15', 'bullseye', 0, false),
  poolerSpec('pgbouncer', '1.18', 'bookworm', 1, false),
  poolerSpec('pgbouncer', '1.24', 'trixie', 3, true),
  poolerSpec('pgpool', '4.3', 'bookworm', 7, false),
  poolerSpec('pgpool', '4.6', 'trixie', 3, true),
  patroniSpec(15),
  etcdSpec(23),
  // Old release for the catalog's rename map only: not built by default, mapped from no name.
  { ...poolerSpec('pgpool', '4.1', 'bullseye', 0, false), officialNames: [], optional: true },
];

/** PGHA_IMAGE_MAP value: every official name of these specs → its test image. */
export function imageMapOf(specs: ImageSpec[]): string {
  return specs.flatMap((spec) => spec.officialNames.map((name) => `${name}=${specTag(spec)}`)).join(',');
}

/** Specs selected by `--only postgres:15,pgbouncer` (program, or program:version); all when empty. */
function selects(spec: ImageSpec, name: string): boolean {
  return name === spec.program || name === `${spec.program}:${spec.version}` || specTag(spec) === `${TEST_IMAGE_NAMESPACE}/${name}`;
}

export function selectSpecs(only: string[]): ImageSpec[] {
  if (!only.length) return IMAGE_SPECS.filter((spec) => !spec.optional);
  const chosen = IMAGE_SPECS.filter((spec) => only.some((o) => selects(spec, o)));
  const unknown = only.filter((o) => !IMAGE_SPECS.some((spec) => selects(spec, o)));
  if (unknown.length) throw new Error(`no test image recipe for ${unknown.join(', ')}; known: ${IMAGE_SPECS.map((s) => specTag(s).slice(TEST_IMAGE_NAMESPACE.length + 1)).join(', ')}`);
  return chosen;
}
