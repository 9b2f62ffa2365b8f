#!/usr/bin/env python3
"""Start-up time and memory of `./filestore local` (standard library only).

Usage: bench/local_stack.py [RUNS] [UPLOADS]
  - start-up: RUNS cold starts on a fresh data folder, from process start until local.json is
    written and the API answers; prints each and the median;
  - memory: the JVM's peak RSS (VmHWM) when idle after start, and after UPLOADS create + PUT +
    wait-for-UPLOADED round trips.
"""
import hashlib, base64, json, os, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_triple():
    for _ in range(100):
        s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
        if port > 65000:
            continue
        ok = True
        for p in (port + 1, port + 2):
            t = socket.socket()
            try:
                t.bind(("127.0.0.1", p))
            except OSError:
                ok = False
            finally:
                t.close()
        if ok:
            return port
    raise SystemExit("no three free ports in a row")


def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return None


def request(method, url, key=None, body=None, headers=None):
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    req = urllib.request.Request(url, data=data, method=method)
    if key:
        req.add_header("x-api-key", key)
    if isinstance(body, dict):
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()


def start(data):
    port = free_triple()
    began = time.monotonic()
    proc = subprocess.Popen([os.path.join(ROOT, "filestore"), "local", "--port", str(port), "--data", data],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    facts_file = os.path.join(data, "local.json")
    while True:
        if proc.poll() is not None:
            raise SystemExit("the local stack exited with " + str(proc.returncode))
        if os.path.exists(facts_file):
            try:
                facts = json.load(open(facts_file))
                request("GET", facts["apiUrl"] + "/files", facts["apiKey"])
                return proc, facts, (time.monotonic() - began) * 1000
            except (ValueError, OSError):
                pass
        time.sleep(0.02)


def stop(proc):
    began = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    return (time.monotonic() - began) * 1000


def upload(facts, i):
    body = os.urandom(4096 + i)
    checksum = base64.b64encode(hashlib.sha256(body).digest()).decode()
    _, created = request("POST", facts["apiUrl"] + "/files", facts["apiKey"],
                         {"name": f"bench-{i}.bin", "contentType": "application/zip", "size": len(body),
                          "checksumSha256": checksum})
    created = json.loads(created)
    ticket = created["upload"]
    headers = {k: v for k, v in ticket["headers"].items() if k.lower() not in ("content-length", "host")}
    request(ticket["method"], ticket["url"], body=body, headers=headers)
    return created["file"]["id"]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    uploads = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    # One start outside the measurement, so that any build ./filestore local does is not timed.
    with tempfile.TemporaryDirectory() as warm:
        stop(start(warm)[0])
    starts, stops = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            proc, _, ms = start(data)
            starts.append(ms)
            stops.append(stop(proc))
    print(f"start-up (process start to first API answer, fresh data folder), {runs} runs: "
          + ", ".join(f"{m:.0f}" for m in starts) + f" ms; median {statistics.median(starts):.0f} ms")
    print(f"stop on SIGINT: median {statistics.median(stops):.0f} ms, max {max(stops):.0f} ms")
    with tempfile.TemporaryDirectory() as data:
        proc, facts, _ = start(data)
        try:
            measure(proc, facts, uploads)
        finally:
            if proc.poll() is None:
                stop(proc)


def measure(proc, facts, uploads):
    time.sleep(2)
    print(f"memory idle: RSS {status(proc.pid, 'VmRSS')} MB, peak {status(proc.pid, 'VmHWM')} MB")
    began = time.monotonic()
    ids = [upload(facts, i) for i in range(uploads)]
    pending = set(ids)
    while pending and time.monotonic() - began < 120:
        _, listing = request("GET", facts["apiUrl"] + "/files?state=PENDING&limit=100", facts["apiKey"])
        pending = {f["id"] for f in json.loads(listing)["items"]} & pending
        time.sleep(0.1)
    took = time.monotonic() - began
    print(f"{uploads} uploads (create, PUT, until UPLOADED) in {took:.1f} s; {len(pending)} still PENDING")
    print(f"memory after {uploads} uploads: RSS {status(proc.pid, 'VmRSS')} MB, peak {status(proc.pid, 'VmHWM')} MB")


if __name__ == "__main__":
    main()
