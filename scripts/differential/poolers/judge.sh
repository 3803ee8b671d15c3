#!/usr/bin/env bash
# Judge loop of the pooler oracle (runs inside a long-lived test-image container, as the postgres user).
# Usage: judge.sh pgbouncer|pgpool config|start TIMEOUT_CENTISECONDS FILE…
# For each FILE starts the real program on it in the foreground (own process group, working directory = the
# file's folder), waits until it says it got to the stage, exits, or the timeout passes, then stops it.
# Stage "config": the file is loaded and checked (the first line the program prints after that);
# stage "start": the program is up (for pgpool also "waiting for finding a primary node": sockets bound,
# children started, and no backend reachable from the judge's network-less container).
# Writes the program's output to FILE.out and "<up|exit|timeout> <exit status>" to FILE.status.
set -u
program="$1" stage="$2" limit="$3"; shift 3

case "$program/$stage" in
  pgbouncer/config) markers=('kernel file descriptor limit' 'process up:') ;;
  pgbouncer/start) markers=('process up:') ;;
  pgpool/config) markers=('memory cache initialized' 'allocating (' 'redirecting log output' 'successfully started') ;;
  pgpool/start) markers=('successfully started' 'find_primary_node_repeatedly: waiting for finding a primary node') ;;
  *) echo "judge.sh: unknown program/stage $program/$stage" >&2; exit 2 ;;
esac

# One fork and one exec per file (each costs on a loaded machine); pgpool in its own process group so that
# its children go with it.
start() {
  case "$program" in
    pgbouncer) pgbouncer "$1" > "$2" 2>&1 < /dev/null & ;;
    pgpool) setsid pgpool -n -D -f "$1" -F /judge/pcp.conf -a /judge/pool_hba.conf > "$2" 2>&1 < /dev/null & ;;
  esac
}

# A 10 ms pause without forking /bin/sleep (a timed read on a pipe that never delivers). bash 5.1 (Debian
# bullseye: the PgBouncer 1.15 image) was seen waiting forever in such a read on a loaded machine: there, sleep.
if ((BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 2))); then
  exec {pause_fd}<> <(:)
  pause() { read -r -t 0.01 -u "$pause_fd" _ || true; }
else
  pause() { sleep 0.01; }
fi

# The output so far contains an up marker (builtins only: forks are dear on a loaded machine).
said_up() {
  local content=''
  local marker
  # The first 64 KiB only (the markers come first): a program flooding its log (stats_period = -5) would slow every look.
  IFS= read -r -N 65536 content < "$1" || true
  for marker in "${markers[@]}"; do [[ "$content" == *"$marker"* ]] && return 0; done
  return 1
}

# Running and not a zombie (kill -0 also succeeds on a zombie).
alive() {
  local state
  read -r _ _ state _ 2>/dev/null < "/proc/$1/stat" || return 1
  [ "$state" != Z ]
}

# PgBouncer needs no goodbye. pgpool takes no signal but KILL until it has found a primary
# (search_primary_node_timeout, minutes; the judge's container has none), so its process group is killed at once;
# the System V shared memory and semaphores it made go with ipcrm after the loop's record (the container's own
# IPC namespace holds only the judge's).
stop() {
  local pid="$1"
  if [ "$program" = pgpool ]; then kill -KILL -- "-$pid" 2>/dev/null; fi
  kill -KILL "$pid" 2>/dev/null
}

for file in "$@"; do
  out="$file.out"
  : > "$out"  # before the fork, so no earlier output can be mistaken for this run's
  cd "${file%/*}" || continue
  start "$file" "$out"
  pid=$!
  verdict=timeout
  for ((i = 0; i < limit; i++)); do
    if said_up "$out"; then verdict=up; break; fi
    if ! alive "$pid"; then verdict=exit; break; fi
    pause
  done
  status=''
  if [ "$verdict" = exit ]; then wait "$pid"; status=$?; else stop "$pid"; wait "$pid" 2>/dev/null; fi
  # Whatever the program still printed while stopping belongs to the verdict too.
  echo "$verdict $status" > "$file.status"
  # Leftovers that would change the next start: pgpool's pid file in the common places.
  rm -f /tmp/pgpool.pid /var/run/pgpool/pgpool.pid /var/run/postgresql/pgpool.pid 2>/dev/null
  if [ "$program" = pgpool ] && [ "$verdict" != exit ]; then ipcrm -a 2>/dev/null; fi
done
