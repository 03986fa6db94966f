#!/usr/bin/env python3
"""What the table grid costs of `gongwen ingest` (issue 16, Must show 4: at most 10%).

    cmake -S . -B build -DGONGWEN_BUILD_BENCH=ON && cmake --build build   # builds build/bin/grid_cost
    bench/table_share_bench.py [--n 200] [--runs 5] [--tables ../shared/corpus/tables]

For every corpus, on the same files:
  ingest CPU   `gongwen ingest --jobs 1` into a fresh index, CPU time (user + system) of the whole
               process tree (writer and worker, from the rusage of reaped children: steadier than
               wall time on a shared machine), median of --runs
  grid         build/bin/grid_cost (bench/grid_cost.cpp), in CPU time, median of --runs per file:
               reading the ruling lines while Poppler draws each page (the pdf plugin's
               RuleCollector: the text layer with a rule list minus without) plus building the
               tables from the grids (the tables plugin's read_grid_tables); and the worker's whole
               pass per file (Pipeline::Worker::process) for the share of the worker
  tables on/off  the same ingest with the tables enricher disabled (`[plugins] disabled`, a copy of
               config/ in --work): what the whole table feature costs downstream of the grid too
               (alignment reader, task records, task entries and table clauses in the index)

Corpora (each cached under --work):
  ingest      the ingest benchmark's corpus (ingest_bench.py's make_corpus: N PDFs from the State
              Council texts in --texts); its tables are flattened text, no ruling lines
  ruled       the same N documents, each followed by the ruled task-table attachment of
              tests/fixtures/texts/task_table.txt (12 rows over 2 pages, every cell boxed)
  shared      the born-digital PDFs of --tables (copied; scans left out: OCR would dominate), if given
"""
import argparse, os, random, re, resource, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import ingest_bench  # noqa: E402  (corpus making: read_texts, synthetic_text, render, make_corpus)


def task_table_attachment():
    """The attachment part of tests/fixtures/texts/task_table.txt: from `@left 附件` to the end."""
    with open(os.path.join(ROOT, "tests/fixtures/texts/task_table.txt"), encoding="utf-8") as f:
        text = f.read()
    return text[text.index("@left 附件\n"):]


def make_ruled_corpus(args, n):
    folder = os.path.join(args.work, f"ruled-n{n}-seed{args.seed}")
    done = folder + ".done"
    if os.path.exists(done):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    texts = ingest_bench.read_texts(args.texts)
    attachment = task_table_attachment()
    rng = random.Random(args.seed)
    names = sorted(texts)
    import concurrent.futures
    plans = []
    for i in range(n):
        base = names[i % len(names)]
        text, _ = ingest_bench.synthetic_text(i, base, texts, names, rng)
        # The attachment starts on a page of its own, as in the fixture (a form feed line is a page break).
        plans.append((os.path.join(folder, f"doc-{i:05d}.pdf"), text + "\f\n" + attachment))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda p: ingest_bench.render(args.make_pdf, p[1], p[0]), plans))
    failed = [p[0] for p, (pages, _) in zip(plans, results) if pages is None]
    for pdf in failed:   # a base text with a glyph the font lacks: left out, as ingest_bench does
        if os.path.exists(pdf):
            os.remove(pdf)
    open(done, "w").close()
    return folder


def copy_shared(args):
    folder = os.path.join(args.work, "shared-tables")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name in sorted(os.listdir(args.tables)):
        if name.endswith(".pdf") and not name.endswith("_scan.pdf"):
            shutil.copy(os.path.join(args.tables, name), folder)
    return folder


def configs(args):
    """The repo's config folder copied twice: as it is, and with the tables enricher disabled."""
    out = {}
    for variant in ("full", "no-tables"):
        folder = os.path.join(args.work, f"config-{variant}")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "config"), folder)
        path = os.path.join(folder, "gongwen.toml")
        if variant == "no-tables":
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text, n1 = re.subn(r'(?m)^enrichers = \[.*\]$', 'enrichers = ["docnumber", "fields"]', text)
            text, n2 = re.subn(r'(?m)^disabled = \[.*\]$', 'disabled = ["tables"]', text)
            if n1 != 1 or n2 != 1:
                sys.exit("config/gongwen.toml: cannot find the [plugins] enrichers/disabled lines to edit")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        out[variant] = path
    return out


def ingest(args, config, folder):
    """CPU seconds (user + system of the whole tree) and wall seconds of one fresh ingest."""
    index = os.path.join(args.work, "index")
    shutil.rmtree(index, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    r = subprocess.run([args.gongwen, "--config", config, "ingest", "--json", "--jobs", str(args.jobs), "--index", index, folder],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"ingest failed ({r.returncode}): {r.stderr[-2000:]}")
    summary = r.stdout.strip().splitlines()[-1]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, summary


def grid_cost(args, config, folder):
    """Totals over the folder's PDFs from build/bin/grid_cost: pages, worker pass, rules and grid (ms)."""
    pdfs = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.endswith(".pdf"))
    r = subprocess.run([args.grid_cost, "--runs", str(args.runs), os.path.join(ROOT, "build/lib/gongwen/plugins"), config, *pdfs],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"grid_cost failed: {r.stderr[-2000:]}")
    _, pages, process, rules, grid = r.stdout.strip().splitlines()[-1].split("\t")
    return int(pages), float(process), float(rules), float(grid)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default=os.path.join(ROOT, "build/bin/gongwen"))
    ap.add_argument("--make-pdf", default=os.path.join(ROOT, "build/tests/tools/make_fixture_pdf"))
    ap.add_argument("--texts", default=os.path.join(ROOT, "../shared/corpus/govcn/text"))
    ap.add_argument("--tables", help="a folder of labelled table PDFs (../shared/corpus/tables); born-digital ones are copied")
    ap.add_argument("--work", default=os.path.join(ROOT, "var/bench-tables"))
    ap.add_argument("--n", type=int, default=200, help="documents of the ingest and ruled corpora")
    ap.add_argument("--seed", type=int, default=9704)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--corpora", default="ingest,ruled,shared")
    ap.add_argument("--grid-cost", default=os.path.join(ROOT, "build/bin/grid_cost"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)

    corpora = []
    wanted = args.corpora.split(",")
    if "ingest" in wanted:
        # ingest_bench's make_corpus caches under args.work as well.
        folder, manifest = ingest_bench.make_corpus(argparse.Namespace(work=args.work, seed=args.seed, texts=args.texts,
                                                                       make_pdf=args.make_pdf), args.n)
        corpora.append(("ingest benchmark corpus", folder))
    if "ruled" in wanted:
        corpora.append(("same + ruled task table", make_ruled_corpus(args, args.n)))
    if "shared" in wanted and args.tables:
        corpora.append(("shared born-digital tables", copy_shared(args)))
    config = configs(args)

    print(f"gongwen ingest --jobs {args.jobs}, fresh index; CPU time, medians of {args.runs} runs")
    print("| corpus | files | pages | ingest CPU | worker pass | rules | grid | **grid share of ingest** | grid share of worker "
          "| ingest CPU, tables off | tables enricher share |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, folder in corpora:
        files = sum(1 for _, _, fs in os.walk(folder) for f in fs if f.endswith(".pdf"))
        runs = {"full": [], "no-tables": []}
        for _ in range(args.runs):
            for variant in ("full", "no-tables"):
                runs[variant].append(ingest(args, config[variant], folder))
        cpu = {v: statistics.median(r[0] for r in runs[v]) for v in runs}
        pages, process, rules, grid = grid_cost(args, config["full"], folder)
        grid_s = (rules + grid) / 1000
        print(f"| {name} | {files} | {pages} | {cpu['full']:.2f} s | {process / 1000:.2f} s | {rules / 1000:.3f} s | {grid / 1000:.3f} s "
              f"| **{100 * grid_s / cpu['full']:.1f}%** | {100 * grid_s / (process / 1000):.1f}% | {cpu['no-tables']:.2f} s "
              f"| {100 * (cpu['full'] - cpu['no-tables']) / cpu['full']:.1f}% |", flush=True)
    shutil.rmtree(os.path.join(args.work, "index"), ignore_errors=True)


if __name__ == "__main__":
    main()
