#!/bin/bash
# Runs inside a pgha-test/pgbouncer container (as root; PgBouncer itself runs as postgres). For each PgBouncer
# auth_type and each kind of secret PgBouncer holds (plain text, md5, SCRAM in the auth_file, or the server's own
# through auth_query) it starts PgBouncer in front of the server "pg" and logs in as each probe user (their names
# say what the server stores and the pg_hba.conf method it uses for them). One line per login:
# version, auth_type, secret kind, user, ok|FAIL, the client's FATAL message.
set -u
V=$(pgbouncer --version | head -1 | awk '{print $2}')
USERS="smd5_trust smd5_md5 smd5_scram smd5_password sscram_trust sscram_md5 sscram_scram sscram_password"
secret() { awk -v u="$1" '$1==u{print $2}' /probe/secrets.txt; }
md5s() { printf 'md5%s' "$(printf '%s%s' pw "$1" | md5sum | cut -d' ' -f1)"; }
D=/tmp/pb; mkdir -p $D; chown postgres $D
userlist() {
  local kind="$1" u s
  if [ "$kind" = query ]; then echo '"pgb_auth" "pw"'; return; fi
  for u in $USERS; do
    case $kind in
      plain) s=pw ;; md5) s=$(md5s "$u") ;;
      scram) s=$(secret "$u"); case $u in smd5*) s=$(secret scramdummy) ;; esac ;;  # the server has none for md5 users
    esac
    printf '"%s" "%s"\n' "$u" "$s"
  done
}
for at in md5 scram-sha-256 plain trust; do
  for kind in plain md5 scram query; do
    userlist $kind > $D/userlist.txt
    { echo '[databases]'; echo '* = host=pg port=5432'; echo '[pgbouncer]'; echo 'listen_addr = 127.0.0.1'; echo 'listen_port = 6432'
      echo "auth_type = $at"; echo "auth_file = $D/userlist.txt"; echo "logfile = $D/log"; echo "pidfile = $D/pid"
      echo 'unix_socket_dir ='; echo 'server_login_retry = 1'; [ $kind != query ] || echo 'auth_user = pgb_auth'; } > $D/ini
    : > $D/log; chown postgres $D/*
    su postgres -s /bin/sh -c "pgbouncer -d $D/ini" >/dev/null 2>&1
    for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/6432) 2>/dev/null && break; sleep 0.1; done
    for u in $USERS; do
      out=$(PGPASSWORD=pw PGCONNECT_TIMEOUT=5 timeout 10 psql "host=127.0.0.1 port=6432 dbname=postgres user=$u sslmode=disable" -Atc 'select 1' 2>&1 | tr '\n' ' ')
      if [ "$out" = "1 " ]; then r=ok; msg=''; else r=FAIL; msg=$(printf '%s' "$out" | sed -E 's/^.*FATAL: +//; s/ +$//'); fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$V" "$at" "$kind" "$u" "$r" "$msg"
    done
    kill "$(cat $D/pid)" 2>/dev/null; for _ in $(seq 50); do [ -f $D/pid ] || break; sleep 0.1; done
  done
done
