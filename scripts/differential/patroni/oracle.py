"""Batch oracle: runs what `patroni --validate-config FILE` runs (patroni.daemon.abstract_main: Config(FILE,
validator=schema), ConfigParseError's value printed) on every file named on stdin, in one Python process, and
prints one JSON line per file: {"file", "ok", "lines", "crash"}. `crash` is the last line of the traceback when
Patroni stops with one. The CLI itself is checked against this harness on a few files by the differential run."""
import json
import sys

from patroni.config import Config
from patroni.exceptions import ConfigParseError
from patroni.validator import schema

for name in sys.stdin.read().split('\n'):
    if not name:
        continue
    out = {'file': name, 'ok': True, 'lines': [], 'crash': None}
    try:
        Config(name, validator=schema)
    except ConfigParseError as e:
        out['ok'] = False
        out['lines'] = (e.value or '').split('\n') if e.value else []
    except Exception as e:
        out['ok'] = False
        kind = 'yaml' if type(e).__module__.startswith('yaml') else type(e).__name__
        out['crash'] = kind if kind == 'yaml' else '{0}: {1}'.format(kind, (str(e).split('\n') or [''])[0])
    print(json.dumps(out), flush=True)
