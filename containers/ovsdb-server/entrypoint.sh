#!/bin/sh
# Entrypoint of the ovsdb-server image. Usage: ovsdb-entrypoint MODE [-- EXTRA-OVSDB-SERVER-ARGS...]
#
# MODE:
#   standalone      a standalone database ($OVSDB_DB) created from $OVSDB_SCHEMA when missing (default: the vswitch schema)
#   cluster-create  the first member of a Raft cluster: `ovsdb-tool create-cluster DB SCHEMA $OVSDB_RAFT_LOCAL` when missing
#   cluster-join    another member: `ovsdb-tool join-cluster DB NAME $OVSDB_RAFT_LOCAL $OVSDB_RAFT_REMOTES` when missing
#   relay           a relay of database $OVSDB_NAME in front of $OVSDB_RELAY_REMOTES (comma-separated), no database file
#   exec            runs the rest of the command line as given (after creating the run directory)
#
# Environment:
#   OVSDB_DIR            state directory: database, unix socket db.sock, unixctl ovsdb-server.ctl, log, pidfile
#   OVSDB_SCHEMA         schema file (default /usr/share/openvswitch/vswitch.ovsschema; mount your own .ovsschema)
#   OVSDB_DB             database file (default $OVSDB_DIR/conf.db)
#   OVSDB_NAME           database name for cluster-join and relay (default: the schema's name)
#   OVSDB_REMOTES        space-separated listening remotes (default "ptcp:6640"), e.g. "ptcp:6640 pssl:6641"
#   OVSDB_SSL_KEY, OVSDB_SSL_CERT, OVSDB_SSL_CA   TLS files for pssl: remotes
#   OVSDB_RAFT_LOCAL     this member's Raft address, e.g. tcp:10.88.0.5:6643
#   OVSDB_RAFT_REMOTES   space-separated Raft addresses of existing members (cluster-join)
#   OVSDB_RELAY_REMOTES  comma-separated client remotes of the cluster (relay)
#   OVSDB_INIT           "yes" (default): a new standalone Open_vSwitch database gets its one Open_vSwitch row, as
#                        `ovs-vsctl init` does on an Open vSwitch host; "no" leaves it empty
# Existing database files are served as they are, so a restarted container keeps its data (and Raft membership).
set -eu

mode="${1:-standalone}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift

dir="${OVSDB_DIR:-/var/lib/ovsdb}"
schema="${OVSDB_SCHEMA:-/usr/share/openvswitch/vswitch.ovsschema}"
db="${OVSDB_DB:-$dir/conf.db}"
mkdir -p "$dir" /var/run/openvswitch /var/log/openvswitch

if [ "$mode" = exec ]; then
  exec "$@"
fi

name="${OVSDB_NAME:-}"
if [ -z "$name" ] && [ -f "$schema" ]; then
  name=$(ovsdb-tool schema-name "$schema")
fi

case "$mode" in
  standalone)
    if [ ! -f "$db" ]; then
      ovsdb-tool create "$db" "$schema"
      if [ "$name" = Open_vSwitch ] && [ "${OVSDB_INIT:-yes}" = yes ]; then
        ovsdb-tool transact "$db" '["Open_vSwitch",{"op":"insert","table":"Open_vSwitch","row":{}}]' >/dev/null
      fi
    fi
    target="$db" ;;
  cluster-create)
    : "${OVSDB_RAFT_LOCAL:?cluster-create needs OVSDB_RAFT_LOCAL}"
    [ -f "$db" ] || ovsdb-tool create-cluster "$db" "$schema" "$OVSDB_RAFT_LOCAL"
    target="$db" ;;
  cluster-join)
    : "${OVSDB_RAFT_LOCAL:?cluster-join needs OVSDB_RAFT_LOCAL}"
    : "${OVSDB_RAFT_REMOTES:?cluster-join needs OVSDB_RAFT_REMOTES}"
    # shellcheck disable=SC2086
    [ -f "$db" ] || ovsdb-tool join-cluster "$db" "$name" "$OVSDB_RAFT_LOCAL" $OVSDB_RAFT_REMOTES
    target="$db" ;;
  relay)
    : "${OVSDB_RELAY_REMOTES:?relay needs OVSDB_RELAY_REMOTES}"
    [ -n "$name" ] || { echo "relay needs OVSDB_NAME or OVSDB_SCHEMA" >&2; exit 2; }
    target="relay:$name:$OVSDB_RELAY_REMOTES" ;;
  *)
    echo "unknown mode '$mode' (standalone, cluster-create, cluster-join, relay, exec)" >&2
    exit 2 ;;
esac

set -- "$target" --remote="punix:$dir/db.sock" --unixctl="$dir/ovsdb-server.ctl" \
  --pidfile="$dir/ovsdb-server.pid" --log-file="$dir/ovsdb-server.log" "$@"
for remote in ${OVSDB_REMOTES-ptcp:6640}; do
  set -- "$@" --remote="$remote"
done
[ -n "${OVSDB_SSL_KEY:-}" ] && set -- "$@" --private-key="$OVSDB_SSL_KEY"
[ -n "${OVSDB_SSL_CERT:-}" ] && set -- "$@" --certificate="$OVSDB_SSL_CERT"
[ -n "${OVSDB_SSL_CA:-}" ] && set -- "$@" --ca-cert="$OVSDB_SSL_CA"
printf '%s\n' "$mode" > "$dir/mode"
exec ovsdb-server "$@"
