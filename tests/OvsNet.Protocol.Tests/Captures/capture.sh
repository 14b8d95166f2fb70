#!/bin/sh
# Regenerates the golden captures in this folder from a PRIVATE ovsdb-server (never touches a system one).
# Usage: tests/OvsNet.Protocol.Tests/Captures/capture.sh   (needs ovsdb-server, ovsdb-tool, python3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
schemas="$here/../../../src/OvsNet.Vswitch/Schemas"
W=$(mktemp -d)
trap 'kill $(cat "$W/ovsdb.pid") 2>/dev/null || true; rm -rf "$W"' EXIT
ovsdb-tool create "$W/conf.db" "$schemas/vswitch.ovsschema"
ovsdb-tool create "$W/test.db" "$here/protocol_test.ovsschema"
ovsdb-server "$W/conf.db" "$W/test.db" --remote=punix:"$W/db.sock" --pidfile="$W/ovsdb.pid" \
    --unixctl="$W/ovsdb.ctl" --log-file="$W/ovsdb.log" --detach
ovs-vsctl --db=unix:"$W/db.sock" --no-wait init
# ovs-vsctl's own add-br transaction, verbatim (jsonrpc debug log).
ovs-vsctl --db=unix:"$W/db.sock" --no-wait -vjsonrpc:dbg add-br br0 2>"$W/vsctl.log"
grep -o 'send request, method="transact", params=.*' "$W/vsctl.log" | sed 's/^send request, method="transact", params=//; s/, id=[0-9]*$//' > "$here/ovs_vsctl_add_br_transact.json"
python3 "$here/capture.py" "$W/db.sock" "$here"
echo "captures written to $here"
