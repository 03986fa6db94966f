#!/usr/bin/env python3
"""How gongwen behaves at the size of a real archive: 10k, 100k, 1M documents (issue 20).

    cmake -S . -B build -DGONGWEN_BUILD_BENCH=ON && cmake --build build
    bench/install-bench-deps.sh                                    # xapian-tools (xapian-tcpsrv), python3-xapian
    bench/scale_bench.py --sizes 10000,100000 --work /srv/scale    # ~5 min + ~20 min on 2 cores
    bench/scale_bench.py --sizes 1000000 --work /srv/scale         # ~1.5 h to build, ~60 GB of disk at the peak
    bench/scale_bench.py --sizes 1000000 --work /srv/scale --reuse # measure again what a run built
    bench/scale_bench.py --sizes 1000000 --work /srv/scale --reuse --keep-merged --parts deadlines \
        2>> bench/scale_rows/1000000.jsonl                         # one measure again, on the merged index

For each size, `make_scale_index` writes N synthetic documents drawn from real ones (see its
header: clause trees, sentences, tasks, real 发文字号 of the shared corpus; no two alike) as 4
shards, by --jobs processes side by side (Xapian indexes on one core per writer; every process
makes every document and writes its own shards), committing every --commit-every documents.
Each shard is compacted (`gongwen compact`), and the one index is the 4 compacted shards merged
(`xapian-compact`). Then, for each size:
  build      seconds, documents/s and peak RSS of the index makers (the largest process);
  size       index bytes per document and as a multiple of the clause text, before compaction
             (the 4 shards) and after (the merged index); compaction and merge seconds;
  search     in-process (build/bin/search_latency: IndexSearcher, facets on) and whole-command
             (`gongwen search --json`) median / p95 / p99 over the queries of bench/queries.tsv;
  filters    whole-command p95 of facet and filter queries (年份:, 机关:, 单位:);
  deadlines  seconds of `gongwen deadlines --overdue --format json` (first 1000 of all overdue
             tasks): the median of 3 runs after a first one (whose time is kept as "cold");
  serve      p95 of /api/search under 20 concurrent clients for --serve-seconds;
and the same search figures over the 4 shards (in-process and whole-command p95): local (a stub
of `auto` lines) and behind xapian-tcpsrv (a stub of `remote` lines). Prints one Markdown table and writes an SVG plot of
p95 latency against size (log scale) to --plot. Each size's row is also printed as JSON on stderr
(`--rows-from` makes the table and plot from such lines).
"""
import argparse, json, math, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, HERE)
from quality_bench import load_queries  # noqa: E402

REUSE = False
PARTS = ("search", "filters", "deadlines", "serve", "shards")
PART_FIELDS = {"rank_window", "inproc", "command", "filters", "deadlines_s", "deadlines_cold_s", "serve", "local", "remote",
               "local_inproc", "remote_inproc", "commit"}
FILTER_QUERIES = ["年份:2019 改革", "机关:国务院办公厅 意见", "单位:市财政局", "年份:2010..2015 医疗", "文种:通知 年份:2022"]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)]


def du(path):
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, f)) for f in files)
    return total


def run_json(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def make_pool(gongwen, corpus, pool):
    """`extract --json` records of the shared corpus: the real documents the synthetic ones copy the shape of."""
    os.makedirs(pool, exist_ok=True)
    if os.listdir(pool):
        return
    sources = []
    for sub, exts in (("govcn/pdf", ".pdf"), ("local/policy_transparency", ".txt"), ("local/shanghai_policy_md", ".md"),
                      ("local/shanghai_gov_docs", ".md"), ("tables", ".pdf")):
        folder = os.path.join(corpus, sub)
        sources += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(exts) and "_scan" not in n]
    for i, path in enumerate(sources):
        result = subprocess.run([gongwen, "extract", "--json", path], capture_output=True, text=True)
        if result.returncode == 0:
            with open(os.path.join(pool, f"{i:04d}.json"), "w") as f:
                f.write(result.stdout)


SHIPPED_RANK_WINDOW = 2000   # search.rank_window in config/gongwen.toml
RANK_WINDOW = SHIPPED_RANK_WINDOW


def in_process(bin_dir, index, queries_file):
    out = subprocess.run([os.path.join(bin_dir, "search_latency"), index, queries_file, "3"], check=True, capture_output=True,
                         text=True, env={**os.environ, "GONGWEN_RANK_WINDOW": str(RANK_WINDOW)}).stdout.split()
    fields = dict(zip(out[::2], out[1::2]))
    return float(fields["median_ms"]), float(fields["p95_ms"]), float(fields["p99_ms"])


def whole_command(gongwen, index, queries, rounds=2):
    for q in queries:   # untimed, as search_latency's first pass: the page cache then holds what the queries read
        timed([gongwen, "search", "--json", "--rank-window", str(RANK_WINDOW), "--index", index, q])
    times = [timed([gongwen, "search", "--json", "--rank-window", str(RANK_WINDOW), "--index", index, q]) for _ in range(rounds) for q in queries]
    return statistics.median(times), percentile(times, 0.95), percentile(times, 0.99)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_p95(gongwen, index, queries, seconds, clients=20):
    port = free_port()
    # serve reads the window from its configuration: the shipped one with the window measured
    config_file = os.path.join(tempfile.mkdtemp(prefix="gongwen-scale-config-"), "gongwen.toml")
    shipped = open(os.path.join(ROOT, "config", "gongwen.toml"), encoding="utf-8").read()
    with open(config_file, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^rank_window = \d+$", f"rank_window = {RANK_WINDOW}", shipped)
                .replace('aliases = "aliases.toml"', f'aliases = "{os.path.join(ROOT, "config", "aliases.toml")}"'))
    server = subprocess.Popen([gongwen, "--config", config_file, "serve", "--index", index, "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=x", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        times, errors, stop = [], [], time.time() + seconds

        def client(k):
            i = k
            while time.time() < stop:
                url = f"http://127.0.0.1:{port}/api/search?q=" + urllib.parse.quote(queries[i % len(queries)])
                start = time.perf_counter()
                try:
                    urllib.request.urlopen(url, timeout=30).read()
                    times.append((time.perf_counter() - start) * 1000)
                except OSError as error:
                    errors.append(str(error))
                i += 1

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return percentile(times, 0.95), len(times), len(errors)
    finally:
        server.terminate()
        server.wait()


def build_shards(bin_dir, pool, numbers, size, folder, shards, jobs, commit_every):
    """The shard set, written by `jobs` make_scale_index processes side by side (each makes every
    document and writes its own shards). Each process leaves its JSON in folder/build-K.log; with
    --reuse, logs of a finished earlier run are read instead of building again."""
    logs = [os.path.join(folder, f"build-{k}.log") for k in range(1, jobs + 1)]
    if not (REUSE and all(os.path.exists(log) and read_last_json(log) for log in logs)):
        if os.path.exists(folder):
            shutil.rmtree(folder)
        os.makedirs(folder)
        parts = [[k for k in range(1, shards + 1) if (k - 1) % jobs == j] for j in range(jobs)]
        start = time.perf_counter()
        running = [subprocess.Popen([os.path.join(bin_dir, "make_scale_index"), "--pool", pool, "--numbers", numbers,
                                     "--documents", str(size), "--out", folder, "--shards", str(shards),
                                     "--only-shards", ",".join(map(str, part)), "--commit-every", str(commit_every)],
                                    stdout=open(log, "w"))
                   for part, log in zip(parts, logs)]
        if any(p.wait() != 0 for p in running):
            sys.exit("make_scale_index failed: see " + " ".join(logs))
        with open(os.path.join(folder, "build-wall.log"), "w") as f:
            f.write(json.dumps({"seconds": time.perf_counter() - start}) + "\n")
    made = [read_last_json(log) for log in logs]
    wall = os.path.join(folder, "build-wall.log")
    seconds = read_last_json(wall)["seconds"] if os.path.exists(wall) else max(m["seconds"] for m in made)
    return {"documents": sum(m["documents"] for m in made), "clauses": sum(m["clauses"] for m in made),
            "tasks": sum(m["tasks"] for m in made), "text_bytes": sum(m["text_bytes"] for m in made),
            "seconds": seconds, "peak_rss_kb": max(m["peak_rss_kb"] for m in made)}


def binaries_commit(bin_dir):
    """The commit the measured binaries were built from: a COMMIT file beside a copied bin/ (copy the
    binaries when you build while a long run measures), else the checkout's HEAD."""
    mark = os.path.join(bin_dir, "..", "COMMIT")
    if os.path.exists(mark):
        return open(mark).read().strip()
    return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()


def read_last_json(path):
    lines = [line for line in open(path, encoding="utf-8") if line.startswith("{")]
    return json.loads(lines[-1]) if lines else None


def merge_shards(shard_folders, out):
    """One index from the compacted shards (xapian-compact merges them), without the shard mark the
    first shard's metadata carries."""
    if os.path.exists(out):
        shutil.rmtree(out)
    subprocess.run(["xapian-compact", *shard_folders, out], check=True, capture_output=True)
    subprocess.run(["/usr/bin/python3", "-c", "import sys, xapian\n"
                    "db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)\n"
                    "db.set_metadata('gongwen:shard', '')\ndb.commit()", out], check=True)


def shard_stubs(folder, shards):
    local = os.path.join(folder, "local.stub")
    with open(local, "w") as f:
        f.writelines(f"auto shard-{k}\n" for k in range(1, shards + 1))
    servers, remote = [], os.path.join(folder, "remote.stub")
    with open(remote, "w") as f:
        for k in range(1, shards + 1):
            port = free_port()
            servers.append(subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port),
                                             os.path.join(folder, f"shard-{k}")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            # xapian-tcpsrv signals its whole process group when it stops
                                            start_new_session=True))
            f.write(f"remote 127.0.0.1:{port}\n")
    time.sleep(1)
    return local, remote, servers


def svg_plot(rows, path):
    """p95 latency (ms) against documents, both log scale: one line per measure."""
    every = [r for r in rows if not r.get("rank_window")]
    shipped = [r for r in rows if r.get("rank_window") == SHIPPED_RANK_WINDOW]
    series = {f"in-process p95, rank window {SHIPPED_RANK_WINDOW:,} (default)": [(r["documents"], r["inproc"][1]) for r in shipped if "inproc" in r],
              f"whole command p95, rank window {SHIPPED_RANK_WINDOW:,} (default)": [(r["documents"], r["command"][1]) for r in shipped if "command" in r],
              "in-process p95, every match ranked": [(r["documents"], r["inproc"][1]) for r in every if "inproc" in r],
              "whole command p95, every match ranked": [(r["documents"], r["command"][1]) for r in every if "command" in r],
              "4 shards, tcpsrv, whole command p95": [(r["documents"], r["remote"][1]) for r in shipped if "remote" in r]}
    xs = [x for s in series.values() for x, _ in s]
    ys = [y for s in series.values() for _, y in s if y > 0]
    if len(set(xs)) < 2 or not ys:
        return
    w, h, m = 640, 440, 70
    lx0, lx1 = math.log10(min(xs)), math.log10(max(xs))
    ly0, ly1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    ly1 = max(ly1, ly0 + 1)
    X = lambda x: m + (math.log10(x) - lx0) / (lx1 - lx0) * (w - 2 * m)
    Y = lambda y: h - m - (math.log10(max(y, 10 ** ly0)) - ly0) / (ly1 - ly0) * (h - 2 * m)
    colours = ["#c0392b", "#2471a3", "#e6a09a", "#9cc3e0", "#229954"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<line x1="{m}" y1="{h-m}" x2="{w-m}" y2="{h-m}" stroke="black"/><line x1="{m}" y1="{m}" x2="{m}" y2="{h-m}" stroke="black"/>']
    for x in sorted(set(xs)):
        parts.append(f'<text x="{X(x):.0f}" y="{h-m+18}" text-anchor="middle">{x:,}</text>')
    for e in range(ly0, ly1 + 1):
        parts.append(f'<text x="{m-8}" y="{Y(10**e)+4:.0f}" text-anchor="end">{10**e:g} ms</text>')
        parts.append(f'<line x1="{m}" y1="{Y(10**e):.0f}" x2="{w-m}" y2="{Y(10**e):.0f}" stroke="#ddd"/>')
    for i, (name, points) in enumerate(series.items()):
        if not points:
            continue
        d = " ".join(f"{X(x):.1f},{Y(y):.1f}" for x, y in points)
        parts.append(f'<polyline points="{d}" fill="none" stroke="{colours[i]}" stroke-width="2"/>')
        parts.append(f'<text x="{m+10}" y="{m-44+14*i}" fill="{colours[i]}">{name}</text>')
    parts.append(f'<text x="{w/2}" y="{h-15}" text-anchor="middle">documents in the index (log scale)</text></svg>')
    with open(path, "w") as f:
        f.write("\n".join(parts))


def print_table(rows, plot):
    print("| documents | clauses | build s (docs/s) | peak RSS MB | index/doc KB (compacted) | × text (compacted) | compact s + merge s |"
          " in-process med/p95/p99 ms | command med/p95/p99 ms | filters p95 ms | deadlines --overdue s |"
          " serve p95 ms (20 clients) | 4 shards local p95 (in-process / command) | 4 shards tcpsrv p95 (in-process / command) |")
    print("|" + "---|" * 14)
    def triple(r, key):
        return " / ".join(f"{v:.1f}" for v in r[key]) if key in r else "—"

    def one(r, key, index=1):
        return f"{r[key][index]:.1f}" if key in r else "—"

    def p95s(r, key):   # in-process / command, or the command alone in rows measured before both were
        return f"{r[key + '_inproc'][1]:.1f} / {one(r, key)}" if key + "_inproc" in r else one(r, key)

    for r in rows:
        window = f" (rank window {r['rank_window']:,})" if r.get("rank_window") else ""
        deadlines = (f"{r['deadlines_s']:.2f}" + (f" ({r['deadlines_cold_s']:.1f} cold)" if "deadlines_cold_s" in r else "")
                     if "deadlines_s" in r else "—")
        serve = f"{r['serve'][0]:.1f} ({r['serve'][1]} requests, {r['serve'][2]} errors)" if "serve" in r else "—"
        print(f"| {r['documents']:,}{window} | {r['clauses']:,} | {r['build_s']:.0f} ({r['documents']/r['build_s']:.0f}) | {r['rss_mb']:.0f} |"
              f" {r['size_before']/r['documents']/1024:.1f} ({r['size_after']/r['documents']/1024:.1f}) |"
              f" {r['ratio_before']:.2f} ({r['ratio_after']:.2f}) | {r['compact_s']:.1f}{' + %.1f' % r['merge_s'] if 'merge_s' in r else ''} |"
              f" {triple(r, 'inproc')} | {triple(r, 'command')} | {one(r, 'filters')} | {deadlines} | {serve} |"
              f" {p95s(r, 'local')} | {p95s(r, 'remote')} |")
    svg_plot(rows, plot)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--numbers", default=os.path.join(ROOT, "tests", "fixtures", "doc_numbers_all.tsv"))
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--work", help="folder for the indexes (kept; default a temporary folder, removed)")
    ap.add_argument("--serve-seconds", type=float, default=20)
    ap.add_argument("--jobs", type=int, default=2, help="make_scale_index processes building the shards side by side (default 2)")
    ap.add_argument("--commit-every", type=int, default=4000,
                    help="documents per commit in each make_scale_index process (default 4000: at 200, Xapian rewrote "
                         "~2 MB of B-tree blocks per document by 150k documents)")
    ap.add_argument("--reuse", action="store_true",
                    help="keep shards an earlier run of the same size built (and compacted) in --work; measure again")
    ap.add_argument("--plot", default=os.path.join(HERE, "scale_latency.svg"))
    ap.add_argument("--rank-window", type=int, default=SHIPPED_RANK_WINDOW,
                    help=f"search.rank_window for the search figures (default {SHIPPED_RANK_WINDOW}, as shipped; 0: every match "
                         "ranked); the row notes it")
    ap.add_argument("--keep-merged", action="store_true",
                    help="with --reuse: measure the merged index a run left (no merge again; its merge time is not measured)")
    ap.add_argument("--parts", default=",".join(PARTS),
                    help="what to measure after the build (default all): " + ",".join(PARTS) +
                         "; a row of some parts, put after a whole row of its size in a --rows-from log, updates those figures")
    ap.add_argument("--rows-from", nargs="+", metavar="LOG",
                    help="print the table and plot from the JSON rows earlier runs printed on stderr (runs of one size each)")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    if parts - set(PARTS):
        ap.error(f"unknown --parts {','.join(sorted(parts - set(PARTS)))}; known: {','.join(PARTS)}")
    if args.keep_merged and not args.reuse:
        ap.error("--keep-merged measures what an earlier run built: give --reuse too")
    global REUSE, RANK_WINDOW
    REUSE = args.reuse
    RANK_WINDOW = args.rank_window
    if args.rows_from:
        rows = {}
        for log in args.rows_from:
            for line in open(log, encoding="utf-8"):
                row = json.loads(line) if line.startswith("{") else {}
                size, window = row.get("documents"), row.get("rank_window", 0)
                if row.get("parts"):   # some figures measured again: over its size's row (a row of its own with a rank window)
                    if (size, 0) in rows:
                        # a row of its own takes its size's build and size figures, not its measures
                        base = rows.get((size, window)) or {k: v for k, v in rows[(size, 0)].items() if k not in PART_FIELDS}
                        rows[(size, window)] = {**base, **{k: v for k, v in row.items() if k in PART_FIELDS}}
                elif "inproc" in row:   # a whole row (the size line printed before measuring is not)
                    rows[(size, window)] = row
        print_table([rows[key] for key in sorted(rows)], args.plot)
        return
    gongwen = os.path.join(args.build, "gongwen")
    queries = [q["query"] for q in load_queries(args.queries)]
    work = args.work or tempfile.mkdtemp(prefix="gongwen-scale-")
    pool = os.path.join(work, "pool")
    make_pool(gongwen, args.corpus, pool)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        row = {"documents": size, "commit": binaries_commit(args.build)}
        # Built as 4 shards by --jobs processes side by side (Xapian indexes on one core per writer),
        # each shard compacted as `gongwen compact` does, then merged into the one index.
        shards = os.path.join(work, f"shards-{size}")
        made = build_shards(args.build, pool, args.numbers, size, shards, 4, args.jobs, args.commit_every)
        shard_folders = [os.path.join(shards, f"shard-{k}") for k in range(1, 5)]
        row.update(build_s=made["seconds"], rss_mb=made["peak_rss_kb"] / 1024, clauses=made["clauses"], tasks=made["tasks"])
        text = made["text_bytes"]
        compacted = os.path.join(shards, "compacted")
        if not (REUSE and os.path.exists(compacted)):
            row["size_before"] = sum(du(folder) for folder in shard_folders)
            start = time.perf_counter()
            for folder in shard_folders:
                subprocess.run([gongwen, "compact", "--index", folder], check=True, capture_output=True)
            row["compact_s"] = time.perf_counter() - start
            with open(compacted, "w") as f:
                f.write(json.dumps({"size_before": row["size_before"], "compact_s": row["compact_s"]}) + "\n")
        row.update(read_last_json(compacted))
        index = os.path.join(work, f"one-{size}")
        if not (args.keep_merged and os.path.exists(index)):
            start = time.perf_counter()
            merge_shards(shard_folders, index)
            row["merge_s"] = time.perf_counter() - start
        row["size_after"] = du(index)
        row["ratio_before"], row["ratio_after"] = row["size_before"] / text, row["size_after"] / text
        print(json.dumps(row), file=sys.stderr, flush=True)
        if args.rank_window:
            row["rank_window"] = args.rank_window
        if "search" in parts:
            row["inproc"] = in_process(args.build, index, args.queries)
            row["command"] = whole_command(gongwen, index, queries)
        if "filters" in parts:
            row["filters"] = whole_command(gongwen, index, FILTER_QUERIES, rounds=3)
        if "deadlines" in parts:
            overdue = [gongwen, "deadlines", "--index", index, "--overdue", "--format", "json"]
            row["deadlines_cold_s"] = timed(overdue) / 1000
            row["deadlines_s"] = statistics.median(timed(overdue) for _ in range(3)) / 1000
        if "serve" in parts:
            row["serve"] = serve_p95(gongwen, index, queries, args.serve_seconds)
        if "shards" in parts:
            local, remote, servers = shard_stubs(shards, 4)
            try:
                row["local_inproc"] = in_process(args.build, local, args.queries)
                row["local"] = whole_command(gongwen, local, queries)
                row["remote_inproc"] = in_process(args.build, remote, args.queries)
                row["remote"] = whole_command(gongwen, remote, queries)
            finally:
                for server in servers:
                    server.terminate()
        if parts != set(PARTS):
            row["parts"] = sorted(parts)
            print(json.dumps(row), file=sys.stderr, flush=True)
            continue
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    print_table(rows, args.plot)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
