#!/usr/bin/env python3
"""Whole-command latency: `gongwen search --json` against `recollq`, and `gongwen --version`.

    bench/install-bench-deps.sh                 # once: recollcmd, poppler-utils
    cmake --build build && bench/startup_bench.py [--corpus /work/shared/corpus] [--rounds 5]

Scripts and editors call the CLI once per query, so what counts is the whole process: start-up,
opening the index, the search, printing. Both tools index the same 65 files (the 60 gov.cn PDFs and
the first 5 local texts of the corpus) into fresh indexes in a temporary folder, then every
query of the first 30 rows of bench/queries.tsv (without field prefixes for Recoll) runs as a new
process, alternating gongwen and recollq per query so that both see the same machine state;
--rounds repeats the whole set. `true` (an empty process) is the floor. Prints median, p95 and
p99 in milliseconds of wall-clock time per command. Issue 20's targets: gongwen search median
<= 12 ms and p95 <= 15 ms; --version <= 5 ms. Run on a quiet machine: each number is a few ms.
"""
import argparse, math, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from quality_bench import load_queries, peer_query  # noqa: E402


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)]


def timed(command, env=None):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def pick_files(corpus):
    pdfs = sorted(os.path.join(corpus, "govcn", "pdf", n) for n in os.listdir(os.path.join(corpus, "govcn", "pdf")) if n.endswith(".pdf"))
    local = os.path.join(corpus, "local", "policy_transparency")
    texts = sorted(os.path.join(local, n) for n in os.listdir(local) if n.endswith(".txt"))[:5]
    return pdfs + texts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default=os.path.join(HERE, "..", "build", "bin", "gongwen"))
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    for tool in ("recollindex", "recollq"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: run bench/install-bench-deps.sh")
    queries = load_queries(args.queries)[:30]
    work = tempfile.mkdtemp(prefix="gongwen-startup-")
    try:
        docs = os.path.join(work, "docs")
        os.makedirs(docs)
        for path in pick_files(args.corpus):
            shutil.copy(path, docs)
        index = os.path.join(work, "index")
        subprocess.run([args.gongwen, "ingest", "--index", index, docs], check=True, capture_output=True)
        conf = os.path.join(work, "recoll-conf")
        os.makedirs(conf)
        with open(os.path.join(conf, "recoll.conf"), "w") as f:
            f.write(f"topdirs = {docs}\n")   # everything else: Recoll's defaults
        subprocess.run(["recollindex", "-c", conf], check=True, capture_output=True)

        samples = {"gongwen search --json": [], "recollq -n 0-9": [], "gongwen --version": [], "true": []}
        for command in ([args.gongwen, "--version"], ["recollq", "-c", conf, "-n", "0-9", "x"]):   # warm the page cache
            subprocess.run(command, capture_output=True)
        for _ in range(args.rounds):
            for q in queries:
                samples["gongwen search --json"].append(timed([args.gongwen, "search", "--json", "--index", index, q["query"]]))
                samples["recollq -n 0-9"].append(timed(["recollq", "-c", conf, "-n", "0-9", peer_query(q["query"])]))
                samples["gongwen --version"].append(timed([args.gongwen, "--version"]))
                samples["true"].append(timed(["true"]))
        print(f"{len(pick_files(args.corpus))} files, {len(queries)} queries x {args.rounds} rounds, wall-clock ms per process")
        print(f"| command | median | p95 | p99 |")
        print(f"|---|---|---|---|")
        for name, values in samples.items():
            print(f"| {name} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | {percentile(values, 0.99):.1f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
