#!/bin/sh
# Health check of the ovsdb-server image: the server answers on its unix socket, and a Raft member has joined its
# cluster and knows a leader. Exits 0 when healthy.
set -eu
dir="${OVSDB_DIR:-/var/lib/ovsdb}"
ovsdb-client --timeout=5 list-dbs "unix:$dir/db.sock" >/dev/null
mode=$(cat "$dir/mode" 2>/dev/null || echo standalone)
case "$mode" in
  cluster-create|cluster-join)
    name=$(ovsdb-client --timeout=5 list-dbs "unix:$dir/db.sock" | grep -v '^_Server$' | head -1)
    status=$(ovs-appctl -t "$dir/ovsdb-server.ctl" cluster/status "$name")
    echo "$status" | grep -q 'Status: cluster member'
    if echo "$status" | grep -q 'Leader: unknown'; then exit 1; fi ;;
esac
