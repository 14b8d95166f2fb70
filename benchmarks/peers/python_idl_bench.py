#!/usr/bin/python3
"""OvsNet benchmark peer: the official Open vSwitch Python IDL (python3-openvswitch).

Run by benchmarks/OvsNet.Benchmarks.Runner as a subprocess; prints one JSON object on stdout.

    python_idl_bench.py WORKLOAD REMOTE SCHEMA N [CALLS]

WORKLOAD is one of:
  bulk     one transaction: bridge "bulk0" with N internal ports (Interface + Port rows), Open_vSwitch.bridges mutated
  churn    N sequential transactions, each inserting Interface + Port and mutating Bridge "br0".ports (insert)
  sync     connect and build the complete replica (register_all); N is the number of ports expected
  latency-echo, latency-select
           CALLS calls (after 100 warm-up calls) of echo, or of a one-operation transaction (select next_cfg), over
           ovs.jsonrpc (the IDL's own RPC layer; the IDL itself has no echo or select API)

Protocol with the runner (so it can read the server's CPU time around the measured part only): the script prints
"READY" when set up and waits for a line on stdin; sync prints "MARK" between its cold and its warm sync and waits
again, then "END" after the warm sync (the measured part ends there; the untimed memory sync follows) and waits again;
the last line is "RESULT <json>". Timings are perf_counter seconds of the measured part (the IDL's initial sync
before bulk/churn is not timed). Memory: VmHWM and VmRSS from /proc/self/status, in kB; sync also reports what a
third sync keeps, traced with tracemalloc (see sync()).
"""
import gc
import json
import sys
import time
import tracemalloc

import ovs.db.idl
import ovs.jsonrpc
import ovs.poller
import ovs.stream


def status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def handshake(word):
    sys.stdout.write(word + "\n")
    sys.stdout.flush()
    if not sys.stdin.readline():
        sys.exit("the runner went away")


def run_until(idl, predicate, timeout):
    deadline = time.monotonic() + timeout
    while True:
        idl.run()
        if predicate():
            return
        if time.monotonic() > deadline:
            sys.exit("the IDL did not reach the expected state within %d s" % timeout)
        poller = ovs.poller.Poller()
        idl.wait(poller)
        poller.timer_wait(100)
        poller.block()


def connect(remote, schema):
    helper = ovs.db.idl.SchemaHelper(schema)
    helper.register_all()
    idl = ovs.db.idl.Idl(remote, helper)
    run_until(idl, lambda: idl.has_ever_connected() and idl.change_seqno > 0
              and len(idl.tables["Open_vSwitch"].rows) > 0, 60)
    return idl


def commit(txn):
    status = txn.commit_block()
    if status != ovs.db.idl.Transaction.SUCCESS:
        sys.exit("transaction failed: %s %s" % (status, txn.get_error()))


def bulk(remote, schema, n):
    idl = connect(remote, schema)
    handshake("READY")
    c0 = time.process_time()
    t0 = time.perf_counter()
    txn = ovs.db.idl.Transaction(idl)
    ports = []
    for i in range(n):
        iface = txn.insert(idl.tables["Interface"])
        iface.name = "p%d" % i
        iface.type = "internal"
        port = txn.insert(idl.tables["Port"])
        port.name = "p%d" % i
        port.interfaces = [iface]
        ports.append(port)
    br = txn.insert(idl.tables["Bridge"])
    br.name = "bulk0"
    br.ports = ports
    root = next(iter(idl.tables["Open_vSwitch"].rows.values()))
    root.addvalue("bridges", br)
    commit(txn)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    idl.close()
    return {"seconds": elapsed, "cpu_seconds": cpu, "ops": 1}


def churn(remote, schema, n):
    idl = connect(remote, schema)
    run_until(idl, lambda: any(r.name == "br0" for r in idl.tables["Bridge"].rows.values()), 30)
    bridge = next(r for r in idl.tables["Bridge"].rows.values() if r.name == "br0")
    handshake("READY")
    c0 = time.process_time()
    t0 = time.perf_counter()
    for i in range(n):
        txn = ovs.db.idl.Transaction(idl)
        iface = txn.insert(idl.tables["Interface"])
        iface.name = "c%d" % i
        iface.type = "internal"
        port = txn.insert(idl.tables["Port"])
        port.name = "c%d" % i
        port.interfaces = [iface]
        bridge.addvalue("ports", port)
        commit(txn)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    idl.close()
    return {"seconds": elapsed, "cpu_seconds": cpu, "ops": n}


def sync_once(remote, schema, n):
    helper = ovs.db.idl.SchemaHelper(schema)
    helper.register_all()
    t0 = time.perf_counter()
    idl = ovs.db.idl.Idl(remote, helper)
    run_until(idl, lambda: idl.has_ever_connected() and len(idl.tables["Port"].rows) >= n
              and len(idl.tables["Open_vSwitch"].rows) > 0, 600)
    elapsed = time.perf_counter() - t0
    rows = sum(len(t.rows) for t in idl.tables.values())
    return idl, elapsed, rows


def sync(remote, schema, n):
    baseline = status_kb("VmRSS")
    handshake("READY")
    idl, cold, rows = sync_once(remote, schema, n)
    hwm = status_kb("VmHWM")
    idl.close()
    del idl
    handshake("MARK")
    c0 = time.process_time()
    idl, warm, rows2 = sync_once(remote, schema, n)
    cpu = time.process_time() - c0
    idl.close()
    del idl
    handshake("END")  # the runner reads the server's CPU here: the sync below is not part of the measured part

    # Retained memory, comparable with the .NET children's GC.GetTotalMemory(true) after minus before: a third sync,
    # untimed, under tracemalloc (which slows allocation, hence not the timed warm sync; VmHWM was read after the cold
    # sync, before tracing added its own bookkeeping). tracemalloc only counts blocks allocated after start() and
    # still alive, so "current" after gc.collect(), with the idl alive, is exactly the replica plus whatever else this
    # sync allocated that survives (its connection and buffers, its own copy of the schema, ~140 kB), and nothing
    # from before: not the interpreter, the imported modules, or what the two earlier syncs left behind. Bytes are
    # the allocations' requested sizes (object headers included, allocator slack and arenas not), as the managed heap
    # size is on .NET. "peak" is the most traced memory alive at once during this sync (transient parse buffers
    # included).
    gc.collect()
    tracemalloc.start()
    idl, _, rows3 = sync_once(remote, schema, n)
    gc.collect()
    retained, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    idl.close()
    if rows3 != rows:
        sys.exit("the traced sync replicated %d rows, the cold one %d" % (rows3, rows))
    return {"seconds": warm, "cpu_seconds": cpu, "cold_seconds": cold, "rows": rows, "baseline_kb": baseline, "hwm_kb": hwm,
            "retained_kb": retained // 1024, "traced_peak_kb": traced_peak // 1024, "ops": 1}


def latency(remote, which, calls):
    error, stream = ovs.stream.Stream.open_block(ovs.stream.Stream.open(remote))
    if error:
        sys.exit("cannot connect to %s: %s" % (remote, error))
    conn = ovs.jsonrpc.Connection(stream)

    def call(method, params):
        request = ovs.jsonrpc.Message.create_request(method, params)
        error, reply = conn.transact_block(request)
        if error or reply.error is not None:
            sys.exit("%s failed: %s %s" % (method, error, reply and reply.error))
        return reply

    if which == "echo":
        method, params = "echo", ["ovsnet"]
    else:
        method = "transact"
        params = ["Open_vSwitch", {"op": "select", "table": "Open_vSwitch", "where": [], "columns": ["next_cfg"]}]
    for _ in range(min(100, calls)):
        call(method, params)
    handshake("READY")
    samples = []
    c0 = time.process_time()
    t_all = time.perf_counter()
    for _ in range(calls):
        t0 = time.perf_counter()
        call(method, params)
        samples.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - t_all
    cpu = time.process_time() - c0
    conn.close()
    return {"seconds": elapsed, "cpu_seconds": cpu, "samples": samples, "ops": calls}


def main():
    workload, remote, schema, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    calls = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
    if workload == "bulk":
        out = bulk(remote, schema, n)
    elif workload == "churn":
        out = churn(remote, schema, n)
    elif workload == "sync":
        out = sync(remote, schema, n)
    elif workload in ("latency-echo", "latency-select"):
        out = latency(remote, workload.split("-")[1], calls)
    else:
        sys.exit("unknown workload " + workload)
    out["hwm_kb_final"] = status_kb("VmHWM")
    sys.stdout.write("RESULT " + json.dumps(out) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
