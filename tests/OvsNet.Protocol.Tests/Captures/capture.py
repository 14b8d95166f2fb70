"""Records golden JSON from a private ovsdb-server (see capture.sh). Usage: capture.py SOCKET OUTDIR"""
import json
import os
import sys

from ovsdb_rpc import Rpc

sock, out = sys.argv[1], sys.argv[2]
rpc = Rpc(sock)


def save(name, data):
    with open(os.path.join(out, name), "w") as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write("\n")


def transact(db, ops):
    reply, notes = rpc.call("transact", [db] + ops)
    return reply, notes


# --- schemas as the server sends them (get_schema) ---------------------------------------------------------
for db in ("Open_vSwitch", "_Server", "Protocol_Test"):
    reply, _ = rpc.call("get_schema", [db])
    if reply.get("result") is not None:
        save(f"get_schema_{db}.json", reply["result"])

# --- update2 diff semantics on a table with every kind of column ---------------------------------------------
T = "T"
cols = None
reply, _ = rpc.call("monitor_cond", ["Protocol_Test", "mon", {T: [{}]}])
steps = [{"name": "monitor_cond reply", "reply": reply}]
row = None
scenario = [
    ("insert", [{"op": "insert", "table": T, "uuid-name": "r", "row": {
        "i": 7, "r": 1.5, "b": True, "s": "ab", "os": "x", "oi": ["set", []], "oe": "red",
        "iset": ["set", [1, 2]], "rset": ["set", [0.5, 2]], "sset": ["set", ["a", "b"]],
        "m": ["map", [[1, 0.5], [2, 1.5]]], "sm": ["map", [["k1", "v1"], ["k2", "v2"]]],
        "rr": 2}}]),
    ("modify sets and maps (symmetric difference, add/remove)", [{"op": "update", "table": T, "where": [], "row": {
        "iset": ["set", [2, 3]], "m": ["map", [[1, 0.5], [3, 1.5]]], "sm": ["map", [["k1", "v1"], ["k3", "v3"]]],
        "sset": ["set", []]}}]),
    ("modify map value (replace) and scalars", [{"op": "update", "table": T, "where": [], "row": {
        "m": ["map", [[1, 9.5], [3, 1.5]]], "i": 8, "r": 3, "b": False, "s": "cd", "rr": 2.25}}]),
    ("modify optional columns: set, change, clear", [{"op": "update", "table": T, "where": [], "row": {
        "os": ["set", []], "oi": 42, "oe": "green"}}]),
    ("modify optional change and set to element", [{"op": "update", "table": T, "where": [], "row": {
        "oi": 43, "os": "y", "rset": ["set", [2, 7.25]], "iset": 9}}]),
    ("mutate insert/delete on sets and maps", [{"op": "mutate", "table": T, "where": [], "mutations": [
        ["iset", "insert", ["set", [10, 11]]], ["sm", "delete", ["set", ["k1"]]], ["sm", "insert", ["map", [["k9", "v9"]]]],
        ["i", "+=", 5], ["r", "*=", 2]]}]),
    ("clear everything back to defaults", [{"op": "update", "table": T, "where": [], "row": {
        "i": 0, "r": 0, "b": False, "s": "", "os": ["set", []], "oi": ["set", []], "oe": ["set", []],
        "iset": ["set", []], "rset": ["set", []], "sset": ["set", []], "m": ["map", []], "sm": ["map", []], "rr": 0}}]),
    ("delete", [{"op": "delete", "table": T, "where": []}]),
]
for name, ops in scenario:
    reply, notes = transact("Protocol_Test", ops)
    notes += rpc.drain()
    sel, _ = rpc.call("transact", ["Protocol_Test", {"op": "select", "table": T, "where": []}])
    steps.append({"name": name, "transact": ops, "reply": reply, "notifications": notes, "select": sel["result"][0]})
save("update2_scenario.json", steps)

# --- RFC 'monitor' (update version 1) on the same table --------------------------------------------------------
reply, _ = rpc.call("monitor", ["Protocol_Test", "mon1", {T: {"columns": ["i", "iset", "m"]}}])
v1 = [{"name": "monitor reply", "reply": reply}]
reply, notes = transact("Protocol_Test", [{"op": "insert", "table": T, "row": {"i": 1, "iset": ["set", [1, 2]]}}])
v1.append({"name": "insert", "reply": reply, "notifications": notes + rpc.drain()})
reply, notes = transact("Protocol_Test", [{"op": "update", "table": T, "where": [], "row": {"i": 2, "m": ["map", [[5, 0.5]]]}}])
v1.append({"name": "modify", "reply": reply, "notifications": notes + rpc.drain()})
reply, notes = transact("Protocol_Test", [{"op": "delete", "table": T, "where": []}])
v1.append({"name": "delete", "reply": reply, "notifications": notes + rpc.drain()})
rpc.call("monitor_cancel", ["mon1"])
save("update1_scenario.json", v1)

# --- monitor_cond_since on a standalone server ----------------------------------------------------------------
reply, _ = rpc.call("monitor_cond_since", ["Open_vSwitch", "since", {"Open_vSwitch": [{"columns": ["bridges", "next_cfg"]}]},
                                          "00000000-0000-0000-0000-000000000000"])
save("monitor_cond_since_reply.json", reply)
rpc.call("monitor_cancel", ["since"])

# --- transact results: successes and every error shape we can provoke --------------------------------------
ovs_uuid = None
sel, _ = rpc.call("transact", ["Open_vSwitch", {"op": "select", "table": "Open_vSwitch", "where": [], "columns": ["_uuid"]}])
ovs_uuid = sel["result"][0]["rows"][0]["_uuid"]
where_ovs = [["_uuid", "==", ovs_uuid]]
cases = {
    "success_insert_select_update_mutate_delete": [
        {"op": "insert", "table": T, "uuid-name": "n1", "row": {"i": 1, "s": "one"}},
        {"op": "insert", "table": T, "uuid": "5c7a58c4-8a3b-4a66-9b7c-2d2b1c0f0a11", "row": {"i": 2}},
        {"op": "select", "table": T, "where": [["i", "<=", 2]], "columns": ["i", "s"]},
        {"op": "update", "table": T, "where": [["i", "==", 1]], "row": {"s": "uno"}},
        {"op": "mutate", "table": T, "where": [["_uuid", "==", ["named-uuid", "n1"]]], "mutations": [["i", "+=", 10]]},
        {"op": "wait", "table": T, "where": [["i", "==", 11]], "columns": ["s"], "until": "==", "rows": [{"s": "uno"}], "timeout": 0},
        {"op": "comment", "comment": "protocol capture"},
        {"op": "delete", "table": T, "where": [["i", ">", 0]]},
        {"op": "commit", "durable": False}],
    "constraint_violation_range": [
        {"op": "insert", "table": "Bridge", "row": {"name": "x", "flood_vlans": 5000}},
        {"op": "comment", "comment": "never reached"}],
    "constraint_violation_enum": [
        {"op": "insert", "table": "Bridge", "row": {"name": "x", "fail_mode": "bogus"}}],
    "referential_integrity_commit_error": [
        {"op": "insert", "table": "Bridge", "uuid-name": "b", "row": {"name": "brx", "ports": ["uuid", "11111111-2222-3333-4444-555555555555"]}},
        {"op": "mutate", "table": "Open_vSwitch", "where": where_ovs, "mutations": [["bridges", "insert", ["named-uuid", "b"]]]}],
    "index_duplicate_commit_error": [
        {"op": "insert", "table": T, "row": {"s": "dup", "i": 100}},
        {"op": "insert", "table": T, "row": {"s": "dup", "i": 100}}],
    "duplicate_uuid_name": [
        {"op": "insert", "table": T, "uuid-name": "a", "row": {}},
        {"op": "insert", "table": T, "uuid-name": "a", "row": {}}],
    "wait_timed_out": [
        {"op": "wait", "table": "Open_vSwitch", "where": [], "columns": ["next_cfg"], "until": "==", "rows": [{"next_cfg": 999}], "timeout": 0},
        {"op": "comment", "comment": "not reached"}],
    "abort": [{"op": "comment", "comment": "before"}, {"op": "abort"}, {"op": "comment", "comment": "after"}],
    "assert_not_owner": [{"op": "assert", "lock": "nobody_holds_this"}],
    "unknown_column": [{"op": "select", "table": "Bridge", "where": [], "columns": ["no_such_column"]}],
    "unknown_table": [{"op": "comment", "comment": "a"}, {"op": "select", "table": "NoSuchTable", "where": []}],
    "immutable_column": [{"op": "update", "table": T, "where": [], "row": {"imm": "z"}}],
    "domain_error": [{"op": "insert", "table": T, "row": {"i": 5}}, {"op": "mutate", "table": T, "where": [], "mutations": [["i", "/=", 0]]}],
    "range_error": [{"op": "insert", "table": T, "row": {"i": 9223372036854775807}}, {"op": "mutate", "table": T, "where": [], "mutations": [["i", "+=", 1]]}],
    "duplicate_set_element": [{"op": "insert", "table": T, "row": {"iset": ["set", [1, 1]]}}],
    "duplicate_uuid": [
        {"op": "insert", "table": T, "uuid": "6c7a58c4-8a3b-4a66-9b7c-2d2b1c0f0a11", "row": {}},
        {"op": "insert", "table": T, "uuid": "6c7a58c4-8a3b-4a66-9b7c-2d2b1c0f0a11", "row": {}}],
}
results = {}
for name, ops in cases.items():
    reply, _ = transact("Protocol_Test" if any(o.get("table") == T for o in ops) else "Open_vSwitch", ops)
    results[name] = {"ops": ops, "reply": reply}
# Method-level errors.
results["unknown_database"] = {"ops": [], "reply": rpc.call("transact", ["NoSuchDb", {"op": "comment", "comment": "x"}])[0]}
results["unknown_method"] = {"ops": [], "reply": rpc.call("no_such_method", [])[0]}
save("transact_results.json", results)
