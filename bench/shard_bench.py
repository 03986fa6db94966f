#!/usr/bin/env python3
"""Search latency over a sharded index vs one local index, on the same corpus.

    bench/shard_bench.py --corpus ../shared/corpus/govcn/pdf [--rounds 10] [--gongwen build/bin/gongwen]

Ingests the folder once as one index and once as 3 shards (`ingest --shard K/3`), serves every
shard with Debian's xapian-tcpsrv on a loopback port, and times whole `gongwen search --json`
commands (process start included, as staff run them) for a fixed list of queries against:
  local       the single index directory
  3 local     a stub file naming the 3 shard directories
  3 remote    a stub file naming the 3 xapian-tcpsrv servers (remote backend over TCP on loopback)
Queries run interleaved (one round = every query against every set) so that machine load hits
every set alike. Prints median and 95th percentile per set, and checks that every set gives the
same answer as the single index (results compared without the partial/missing_shards fields).
Servers and temporary indexes are removed at the end.
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

QUERIES = ["国务院", "人民政府", "实施意见", "通知", "营商环境", "小微企业", "融资担保", "个人所得税",
           "节假日安排", "社会保险", "改革", "生态环境", "国办发〔2019〕6号", "数字政府", "疫情防控",
           "部门联合", "医疗保障", "农村", "督促检查", "职责分工"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, process):
    for _ in range(400):
        if process.poll() is not None:
            raise RuntimeError(f"xapian-tcpsrv on port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.025)
    raise RuntimeError(f"xapian-tcpsrv on port {port} does not listen")


def round_scores(value):
    """Scores to 10 significant digits: a shard set adds the same weights in another order, which
    may change the last bit of a double; nothing else may differ."""
    if isinstance(value, dict):
        return {k: float(f"{v:.10g}") if k == "score" else round_scores(v) for k, v in value.items()}
    if isinstance(value, list):
        return [round_scores(v) for v in value]
    return value


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--gongwen", default=os.path.join(ROOT, "build", "bin", "gongwen"))
    parser.add_argument("--config", default=os.path.join(ROOT, "config", "gongwen.toml"))
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="gongwen-shard-bench-")
    servers = []
    try:
        base = [args.gongwen, "--config", args.config]
        whole = os.path.join(work, "whole")
        shards = [os.path.join(work, f"shard{k}") for k in (1, 2, 3)]
        started = time.time()
        run(base + ["ingest", "--jobs", str(args.jobs), "--index", whole, args.corpus])
        for k, shard in enumerate(shards, 1):
            run(base + ["ingest", "--jobs", str(args.jobs), "--shard", f"{k}/3", "--index", shard, args.corpus])
        print(f"ingested {args.corpus} as one index and as 3 shards in {time.time() - started:.0f} s", file=sys.stderr)

        local_stub = os.path.join(work, "local.stub")
        with open(local_stub, "w") as out:
            out.writelines(f"auto {shard}\n" for shard in shards)
        remote_stub = os.path.join(work, "remote.stub")
        with open(remote_stub, "w") as out:
            for shard in shards:
                port = free_port()
                server = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), "--quiet", shard],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
                servers.append(server)
                wait_listening(port, server)
                out.write(f"remote 127.0.0.1:{port}\n")

        sets = {"1 local index": whole, "3 local shards (stub)": local_stub, "3 remote shards (xapian-tcpsrv, loopback)": remote_stub}
        timings = {name: [] for name in sets}
        answers = {name: {} for name in sets}
        for _ in range(args.rounds):
            for query in QUERIES:
                for name, index in sets.items():
                    begin = time.perf_counter()
                    done = run(base + ["search", "--json", "--limit", "10", "--index", index, query])
                    timings[name].append(time.perf_counter() - begin)
                    answer = json.loads(done.stdout)
                    answer.pop("partial", None)
                    answer.pop("missing_shards", None)
                    answers[name][query] = round_scores(answer)

        reference = answers["1 local index"]
        documents = int(json.loads(run(base + ["search", "--json", "--limit", "1", "--index", whole, "国务院"]).stdout)["total"])
        print(f"\n{len(QUERIES)} queries x {args.rounds} rounds, whole `gongwen search --json` commands; "
              f"corpus {args.corpus} ({documents} documents match 国务院)\n")
        print("| index | median | p95 | same answers as 1 local index |")
        print("|---|---|---|---|")
        for name, values in timings.items():
            values.sort()
            p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
            same = sum(1 for q in QUERIES if answers[name][q] == reference[q])
            print(f"| {name} | {statistics.median(values) * 1000:.0f} ms | {p95 * 1000:.0f} ms | {same}/{len(QUERIES)} |")
    finally:
        for server in servers:
            try:
                os.killpg(server.pid, 15)
            except ProcessLookupError:
                pass
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
