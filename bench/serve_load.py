#!/usr/bin/env python3
"""Load on `gongwen serve --watch`: N clients for S seconds mixing searches, document views and
task updates (POST /api/tasks/ID), while the watcher ingests files dropped into its folder.

    bench/serve_load.py [--clients 50] [--seconds 60] [--gongwen build/bin/gongwen]

Loopback only (the server is started on 127.0.0.1 by this script, no login; writes carry the
page's CSRF token). Python standard library only. Afterwards it checks:
  * no error responses (anything but 200 is counted and printed);
  * no lost update: every POST that was answered 200 is in its task's history (counted by the
    unique note each POST carries);
  * every dropped file is searchable;
and prints p50/p95/p99 latency per kind. Not part of the test suite (timings vary by machine).
"""
import argparse, http.client, json, math, os, random, shutil, subprocess, sys, tempfile, threading, time, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
CORPUS = [("texts", name) for name in ("govcn-002.txt", "govcn-022.txt", "govcn-033.txt", "govcn-038.txt", "govcn-045.txt",
                                       "notice_clauses.txt", "gansu_legislative_plan.txt")] + [("tables", "tsv_task_table.txt")]
QUERIES = ["养老服务", "医疗保障", "推进", "国务院办公厅", "异地就医直接结算", "监督检查", "年份:2019", "观测站", "工作任务分工", "财政"]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))] if values else float("nan")


class Client:
    def __init__(self, port):
        self.port = port

    def request(self, method, target, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, target, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def json(self, target):
        status, body = self.request("GET", target)
        if status != 200:
            raise RuntimeError(f"GET {target}: {status} {body[:200]!r}")
        return json.loads(body)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default=os.path.join(ROOT, "build", "bin", "gongwen"))
    ap.add_argument("--config", default=os.path.join(ROOT, "config", "gongwen.toml"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--drop-every", type=float, default=1.0, help="seconds between files dropped into the watched folder")
    ap.add_argument("--seed", type=int, default=9704)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (index, serve.log) and print where")
    options = ap.parse_args()

    work = tempfile.mkdtemp(prefix="gongwen-serve-load-")
    docs, watched, index = (os.path.join(work, name) for name in ("docs", "watched", "index"))
    os.makedirs(docs), os.makedirs(watched)
    for folder, name in CORPUS:
        shutil.copy(os.path.join(FIXTURES, folder, name), os.path.join(watched, name))
    server = None
    try:
        subprocess.run([options.gongwen, "--config", options.config, "ingest", "--index", index, watched], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = subprocess.Popen([options.gongwen, "--config", options.config, "serve", "--index", index, "--port", "0",
                                   "--watch", watched, "--settle", "0.5"], stdout=subprocess.PIPE, stderr=open(os.path.join(work, "serve.log"), "w"),
                                  text=True)
        line = server.stdout.readline()
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        client = Client(port)
        token = client.json("/api/session")["csrf_token"]
        tasks = [task["task_id"] for task in client.json("/api/deadlines")["tasks"]]
        doc_ids = sorted({result["doc_id"] for query in QUERIES[:5] for result in client.json(
            "/api/search?q=" + urllib.parse.quote(query))["results"]})
        if not tasks or not doc_ids:
            raise SystemExit("no tasks or documents in the fixture index")

        latencies = {"search": [], "document": [], "task POST": []}
        errors = []
        posted = []   # (task id, note) of every POST answered 200
        lock = threading.Lock()
        stop_at = time.monotonic() + options.seconds

        def run_client(number):
            rng = random.Random(options.seed + number)
            sent = 0
            while time.monotonic() < stop_at:
                roll = rng.random()
                if roll < 0.5:
                    kind, method, target, body, headers = "search", "GET", "/api/search?q=" + urllib.parse.quote(rng.choice(QUERIES)), None, {}
                elif roll < 0.8:
                    kind, method, target, body, headers = "document", "GET", "/api/doc/" + rng.choice(doc_ids), None, {}
                else:
                    sent += 1
                    note = f"load c{number} n{sent}"
                    task = rng.choice(tasks)
                    kind, method, target = "task POST", "POST", "/api/tasks/" + task
                    body = json.dumps({"action": rng.choice(["done", "start", "reopen"]), "note": note})
                    headers = {"Content-Type": "application/json", "X-CSRF-Token": token}
                started = time.perf_counter()
                try:
                    status, answer = client.request(method, target, body, headers)
                except OSError as error:
                    status, answer = -1, str(error).encode()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies[kind].append(elapsed)
                    if status != 200:
                        errors.append((kind, target, status, answer[:200]))
                    elif kind == "task POST":
                        posted.append((task, note))

        dropped = []

        def drop_files():
            number = 0
            while time.monotonic() < stop_at:
                number += 1
                token_word = f"loadfile{number:05d}"
                text = (f"关于第{number}号观测站水位报送的通知\n一、观测站编号 {token_word}，每月报送水位数据。\n"
                        f"二、本通知自{2000 + number % 25}年起施行，数据 {number * 7919 % 100000} 条。\n")
                staging = os.path.join(docs, token_word + ".txt")
                with open(staging, "w", encoding="utf-8") as out:
                    out.write(text)
                os.rename(staging, os.path.join(watched, token_word + ".txt"))   # arrives whole
                dropped.append(token_word)
                time.sleep(options.drop_every)

        threads = [threading.Thread(target=run_client, args=(n,)) for n in range(options.clients)]
        threads.append(threading.Thread(target=drop_files))
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began

        # No lost update: every note a 200 answered is in its task's history.
        in_history = {}
        for task in tasks:
            for change in client.json("/api/tasks/" + task)["history"]:
                if (change.get("note") or "").startswith("load "):
                    in_history[(task, change["note"])] = in_history.get((task, change["note"]), 0) + 1
        lost = [entry for entry in posted if (entry[0], entry[1]) not in in_history]
        extra = sum(in_history.values()) - len(posted)

        # Every dropped file becomes searchable (the watcher settles, then commits).
        deadline = time.monotonic() + 60
        missing = list(dropped)
        while missing and time.monotonic() < deadline:
            missing = [word for word in missing if client.json("/api/search?q=" + word)["total"] != 1]
            if missing:
                time.sleep(1)

        print(f"\n{options.clients} clients, {options.seconds:.0f} s (wall {wall:.1f} s), {len(tasks)} tasks, {len(doc_ids)} documents, "
              f"{len(dropped)} files dropped into the watched folder\n")
        print("| kind | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|---|---|---|")
        for kind, values in latencies.items():
            kind_errors = sum(1 for error in errors if error[0] == kind)
            print(f"| {kind} | {len(values)} | {kind_errors} | {len(values) / wall:.1f} | {percentile(values, 0.50):.1f} | "
                  f"{percentile(values, 0.95):.1f} | {percentile(values, 0.99):.1f} | {max(values, default=float('nan')):.1f} |")
        print(f"\nPOSTs answered 200: {len(posted)}; found in the history afterwards: {len(posted) - len(lost)} "
              f"(lost: {len(lost)}, unexpected extra: {extra})")
        print(f"dropped files searchable afterwards: {len(dropped) - len(missing)} of {len(dropped)}")
        for error in errors[:10]:
            print("error:", error)
        ok = not errors and not lost and extra == 0 and not missing
        print("result:", "OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        if options.keep:
            print("kept:", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
