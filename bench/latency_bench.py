#!/usr/bin/env python3
"""Search latency on a large index (>= 200,000 clauses), in-process and as a whole process.

    cmake -S . -B build -DGONGWEN_BUILD_BENCH=ON && cmake --build build
    bench/latency_bench.py                     # corpus /work/shared/corpus, queries bench/queries.tsv

1. `gongwen ingest` the corpus (the files bench/quality_bench.py uses) into a fresh index;
2. `build/bin/make_big_index` copies every entry under new document ids until the index holds at
   least --clauses clauses (scoring, facets and snippets work on the copies as on the originals);
3. `build/bin/search_latency`: every query of the query file through IndexSearcher in one process
   (parse, match, clause scoring, two tiers, snippets, facets), --rounds times after a warm-up pass; median, p95;
4. `gongwen search --json` once per query and round as a separate process; median, p95.
"""
import argparse, math, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from quality_bench import corpus_files, load_queries  # noqa: E402


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    build = os.path.join(HERE, "..", "build", "bin")
    ap.add_argument("--build", default=build, help="folder with gongwen, make_big_index, search_latency")
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--clauses", type=int, default=200000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--process-rounds", type=int, default=2)
    ap.add_argument("--keep", help="keep the large index in this folder (reused when it exists)")
    args = ap.parse_args()
    gongwen = os.path.join(args.build, "gongwen")
    work = tempfile.mkdtemp(prefix="gongwen-latency-")
    try:
        big = args.keep or os.path.join(work, "big")
        if not os.path.exists(big):
            corpus = os.path.join(work, "corpus")
            os.makedirs(corpus)
            for path in corpus_files(args.corpus):
                shutil.copyfile(path, os.path.join(corpus, os.path.basename(path)))
            small = os.path.join(work, "small")
            subprocess.run([gongwen, "ingest", "--index", small, corpus], check=False, capture_output=True)
            clauses = count_clauses(small)
            copies = math.ceil(args.clauses / clauses)
            print(f"corpus index: {clauses} clauses; making {copies} copies", file=sys.stderr)
            subprocess.run([os.path.join(args.build, "make_big_index"), small, big, str(copies)], check=True)
        clauses = count_clauses(big)
        r = subprocess.run([os.path.join(args.build, "search_latency"), big, args.queries, str(args.rounds),
                            os.path.join(HERE, "..", "config", "aliases.toml")], check=True, capture_output=True, text=True)
        fields = r.stdout.split()
        in_process = dict(zip(fields[::2], fields[1::2]))
        queries = load_queries(args.queries)
        times = []
        for _ in range(args.process_rounds):
            for q in queries:
                start = time.perf_counter()
                subprocess.run([gongwen, "search", "--json", "-n", "10", "--index", big, q["query"]], capture_output=True)
                times.append((time.perf_counter() - start) * 1000)
        print(f"load average before the timed part: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"index: {clauses} clauses ({in_process['entries']} entries in all); {len(queries)} queries")
        print(f"in-process (IndexSearcher, {args.rounds} rounds): wall median {float(in_process['median_ms']):.2f} ms, "
              f"p95 {float(in_process['p95_ms']):.2f} ms, max {float(in_process['max_ms']):.2f} ms; "
              f"thread CPU median {float(in_process['cpu_median_ms']):.2f} ms, p95 {float(in_process['cpu_p95_ms']):.2f} ms")
        print(f"whole process (gongwen search --json, {args.process_rounds} rounds): median {statistics.median(times):.1f} ms, "
              f"p95 {percentile(times, 0.95):.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


COUNT_CLAUSES = """
import sys, xapian
db = xapian.Database(sys.argv[1])
clauses = 0
for item in db.postlist("Kdoc"):
    # slot 2: two varints per clause (indexes/include/gongwen/index/clause_layout.hpp)
    value = db.get_document(item.docid).get_value(2)
    clauses += sum(1 for byte in value if byte < 0x80) // 2
print(clauses)
"""


def count_clauses(index):
    # One entry per document (Kdoc); its clause layout value says how many clauses it has.
    out = subprocess.run(["/usr/bin/python3", "-c", COUNT_CLAUSES, index], check=True, capture_output=True, text=True).stdout
    return int(out)


if __name__ == "__main__":
    main()
