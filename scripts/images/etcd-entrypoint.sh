#!/bin/sh
# Entrypoint of the pgha etcd test image (written for this project). Contract of the etcd project's own images
# (quay.io/coreos/etcd, gcr.io/etcd-development/etcd): the command is run as given (`etcd …`, `/usr/local/bin/etcd …`,
# `etcdctl …`), etcd reads its ETCD_* variables itself, and a command that starts with an option runs etcd with it.
set -e
case "${1:-}" in
  '' ) set -- etcd ;;
  -* ) set -- etcd "$@" ;;
esac
exec "$@"
