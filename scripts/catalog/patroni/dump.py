"""Dumps what the installed Patroni knows about its configuration as JSON (stdout): the validator schema behind
`patroni --validate-config`, the dynamic defaults, the PostgreSQL parameters Patroni passes on the command line
(with the values each accepts, found by asking its own check functions), the environment variables it reads and
the connection parameters an authentication entry keeps. Run by generate.ts with Debian's /usr/bin/python3."""
import json
import os
import re
import sys

from patroni import PATRONI_ENV_PREFIX
from patroni.config import Config, _AUTH_ALLOWED_PARAMETERS
from patroni.postgresql.config import ConfigHandler
from patroni.version import __version__
import patroni.validator as v

TYPES = {str: 'string', int: 'integer', bool: 'boolean', float: 'number', list: 'array', dict: 'object'}


def lambda_values(fn):
    """The values a lambda like `assert_(m in ["off", ...])` or `assert_(int(i) <= 65535)` compares with."""
    consts = [c for c in fn.__code__.co_consts if c is not None]
    for c in consts:
        if isinstance(c, tuple) and all(isinstance(x, str) for x in c):
            return {'check': 'oneOf', 'values': list(c)}
    ints = [c for c in consts if isinstance(c, int) and not isinstance(c, bool)]
    if ints:
        return {'check': 'atMost', 'limit': ints[0]}
    return {'check': 'nonEmptyString'}


def node(value):
    if isinstance(value, str):
        return {'kind': 'string'}
    if isinstance(value, type):
        return {'kind': 'type', 'type': TYPES[value]}
    if isinstance(value, v.Directory):
        return {'kind': 'directory', 'executables': list(value.contains_executable or [])}
    if isinstance(value, v.Or):
        return {'kind': 'or', 'options': [node(a) for a in value.args]}
    if isinstance(value, list):
        return {'kind': 'list', 'items': node(value[0]) if value else None}
    if isinstance(value, dict):
        return {'kind': 'dict', 'keys': [key(k, value[k]) for k in value.keys()]}
    if callable(value):
        out = {'kind': 'call', 'name': value.__name__}
        expected = getattr(value, 'expected_type', None)
        if expected is not None:
            out['expected'] = TYPES[expected]
        if value.__name__ == '<lambda>':
            out.update(lambda_values(value))
        return out
    raise TypeError(repr(value))


def key(k, value):
    if isinstance(k, v.Optional):
        return {'names': [k.name], 'optional': True, 'value': node(value)}
    if isinstance(k, v.Or):
        case = value._schema if isinstance(value, v.Case) else {n: value for n in k.args}
        return {'names': list(k.args), 'optional': False, 'cases': {n: node(case[n]) for n in k.args}}
    return {'names': [k], 'optional': False, 'value': node(value)}


def accepted(check, probes):
    out = []
    for p in probes:
        try:
            if check(p):
                out.append(p)
        except Exception:
            pass
    return out


def managed():
    """CMDLINE_OPTIONS: default, the values a DCS setting may take (probed through the check) and the first major."""
    out = {}
    for name, (default, check, min_version) in ConfigHandler.CMDLINE_OPTIONS.items():
        words = accepted(check, ['minimal', 'archive', 'hot_standby', 'replica', 'logical', 'on', 'off', 'true', 'false'])
        ints = accepted(check, [str(i) for i in range(0, 1025)])
        sizes = accepted(check, [str(i) + 'MB' for i in range(0, 1025)])
        entry = {'default': default, 'minVersion': min_version}
        if {'on', 'off', 'true', 'false'} <= set(words):
            entry['boolean'] = True
        elif ints:
            entry['minimum'] = int(ints[0])
        elif sizes:
            entry['minimumMB'] = int(sizes[0][:-2])
        elif words:
            entry['accepted'] = words
        else:
            entry['accepted'] = []
        out[name] = entry
    return out


def defaults():
    d = getattr(Config, '_Config__DEFAULT_CONFIG')
    out = {k: val for k, val in d.items() if k not in ('postgresql', 'standby_cluster', 'watchdog')}
    out['standby_cluster'] = dict(d['standby_cluster'])
    out['postgresql'] = {k: val for k, val in d['postgresql'].items() if k != 'parameters'}
    out['watchdog'] = dict(d['watchdog'])
    return out


def harvest(code, out):
    """Every word-like constant of a function and its inner functions, one set per tuple constant."""
    for c in code.co_consts:
        if isinstance(c, str) and re.fullmatch(r'[a-zA-Z_]+', c):
            out.append({c})
        elif isinstance(c, tuple):
            out.append({x for x in c if isinstance(x, str) and re.fullmatch(r'[a-zA-Z_]+', x)})
            for inner in (x for x in c if isinstance(x, tuple)):
                out.append({x for x in inner if isinstance(x, str) and re.fullmatch(r'[a-zA-Z_]+', x)})
        elif hasattr(c, 'co_consts'):
            harvest(c, out)
    return out


def flatten(d, prefix=()):
    for k, val in d.items():
        if isinstance(val, dict) and val and k not in ('labels', 'set_acls', 'http_extra_headers', 'https_extra_headers', 'loggers'):
            yield from flatten(val, prefix + (str(k),))
        else:
            yield prefix + (str(k),), val


def environment():
    """Each PATRONI_* variable Patroni reads, found by setting candidates one at a time and watching where they land."""
    build = getattr(Config, '_build_environment_configuration')
    found = set().union(*harvest(build.__code__, []))
    # The DCS suffixes (HOST, PORT, …: upper case in the code) are read after any name; only the stores and citus
    # mean something by them. The section lists (listen, certfile, …) are lower case.
    suffixes = {w.lower() for w in found if w.isupper()}
    named = {w for w in found if w.islower()} | set(_AUTH_ALLOWED_PARAMETERS)
    words = sorted(suffixes | named)
    stores = set(v.available_dcs) | {'citus'}
    sections = [''] + sorted({'restapi', 'ctl', 'postgresql', 'log', 'replication', 'superuser', 'rewind'} | stores)
    out = {}
    saved = dict(os.environ)
    try:
        for section in sections:
            for word in words:
                name = PATRONI_ENV_PREFIX + (section + '_' if section else '') + word
                name = name.upper()
                os.environ.clear()
                os.environ[name] = '1'
                found = list(flatten(build()))
                generic = word in suffixes and word not in named and section not in stores
                if len(found) == 1 and found[0][0][:2] != ('bootstrap', 'users') and not generic:
                    out[name] = {'path': '.'.join(found[0][0]), 'parsed': type(found[0][1]).__name__}
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return out


json.dump({
    'version': __version__,
    'envPrefix': PATRONI_ENV_PREFIX,
    'dcs': v.available_dcs,
    'schema': node(v.schema.validator),
    'dynamicDefaults': defaults(),
    'managedParameters': managed(),
    'authParameters': list(_AUTH_ALLOWED_PARAMETERS),
    'environment': environment(),
    'userEnvironment': ['PATRONI_<USER>_PASSWORD', 'PATRONI_<USER>_OPTIONS'],
    'configVariable': Config.PATRONI_CONFIG_VARIABLE,
}, sys.stdout, indent=1, sort_keys=False)
sys.stdout.write('\n')
