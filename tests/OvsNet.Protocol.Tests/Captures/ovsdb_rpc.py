"""Minimal OVSDB JSON-RPC 1.0 client used only to record golden captures from a private ovsdb-server.

Not part of the build: run capture.sh to regenerate the *.json captures the tests read.
"""
import json
import socket


class Rpc:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buf = ""
        self.next_id = 1
        self.pending_notifications = []

    def _read_message(self):
        dec = json.JSONDecoder()
        while True:
            s = self.buf.lstrip()
            if s:
                try:
                    obj, end = dec.raw_decode(s)
                    self.buf = s[end:]
                    return obj
                except ValueError:
                    pass
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("server closed the connection")
            self.buf += data.decode("utf-8")

    def call(self, method, params):
        """Sends a request; returns (reply message, notifications received before the reply)."""
        rid = self.next_id
        self.next_id += 1
        self.sock.sendall(json.dumps({"method": method, "params": params, "id": rid}).encode())
        notes = []
        while True:
            msg = self._read_message()
            if msg.get("method") == "echo":
                self.sock.sendall(json.dumps({"result": msg["params"], "error": None, "id": msg["id"]}).encode())
                continue
            if msg.get("id") == rid and "method" not in msg:
                return msg, notes
            notes.append(msg)

    def drain(self, timeout=0.3):
        """Returns notifications that arrive within timeout seconds."""
        self.sock.settimeout(timeout)
        notes = []
        try:
            while True:
                notes.append(self._read_message())
        except (socket.timeout, TimeoutError):
            pass
        finally:
            self.sock.settimeout(None)
        return notes
