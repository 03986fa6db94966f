#!/usr/bin/env python3
"""Ingest speed, memory and index size on a synthetic corpus of born-digital 公文 PDFs, side by
side with the PDF parser itself and with the indexers a user would pick instead.

    bench/install-bench-deps.sh            # once: recollcmd, xapian-omega, linux-perf, time
    bench/ingest_bench.py                  # N = 200 and N = 2000 (about 10-15 min on 2 cores)
    bench/ingest_bench.py --sizes 200,2000,10000 --markdown results.md

The corpus: N PDFs rendered by tests/tools/make_fixture_pdf (Cairo + Pango, WenQuanYi Micro Hei
embedded as a subset) from the real State Council texts in --texts (../shared/corpus/govcn/text):
each synthetic document takes the header and body of one real text, trades about a third of its
paragraphs for paragraphs of other texts, and carries one marker sentence of its own (so every
document is different and every one can be found). Table rows of the texts (tab-separated cells)
render as rows of cells set apart by ideographic spaces (no ruling lines). The corpus is cached
under --work; a second run reuses it.

Measured in one run, on the same files, for the largest N (and gongwen --jobs 2 also for every
smaller N, for memory flatness):
  pdftotext    Poppler's CLI once per file, 1 process and 2 in parallel (xargs -P): pages/s
  gongwen      `ingest --jobs 1` and `--jobs 2` into a fresh index: pages/s, docs/s, peak RSS
               (the writer process, the largest worker, and the whole process tree sampled every
               20 ms from /proc), index size, index size / extracted text size
  re-ingest    the same command again on the unchanged tree: time as a fraction of the first
  recollindex  Debian's recollcmd with its default PDF handling (rclpdf -> pdftotext), nice level 0
               like the others (its default of 19 would starve it on a busy machine): docs/s, size
  omindex      Debian's xapian-omega with its default PDF handling (pdftotext): docs/s, size
  search       `gongwen search --json` latency (whole command, process start included) for
               phrases from the documents, median and 95th percentile, and how often the
               document holding the phrase comes first
  profile      `perf record` of `gongwen ingest --jobs 1` on the first 200 files: share of
               samples per library and the top functions
  formats      a mixed-format corpus (--mixed-n documents each as PDF, OFD, DOCX, XLSX and HTML, written
               from the same synthetic texts by make_fixture_pdf, make_ofd_fixture (from the PDF),
               make_office_fixture and make_html_fixture; --legacy-n of
               the DOCX and XLSX converted to .doc and .xls by LibreOffice): `ingest --jobs 2` per
               format, docs/s each; the legacy rows include gongwen's own LibreOffice conversion,
               reported apart. `--only-formats` runs this part alone.
"""
import argparse, concurrent.futures, json, os, random, re, shutil, statistics, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BATCH = 200   # files per sub-folder of the corpus; N = 200 is the first folder


# ---------------------------------------------------------------- corpus

def read_texts(folder):
    texts = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                lines = [l.rstrip("\n") for l in f if l.strip()]
            # '@' and '#!' start layout commands in make_fixture_pdf's input; real text never needs them.
            # Table cells are tab-separated; the fixture font has no tab glyph, so cells are set
            # apart with ideographic spaces, as a flattened table prints.
            texts[name] = [l.lstrip("@#").replace("\t", "\u3000\u3000") for l in lines]
    return texts


def header_length(lines):
    """Title lines up to and including the doc number line (or the first two lines)."""
    for i, line in enumerate(lines[:6]):
        if re.search(r"〔\d{4}〕\d+号|令第\d+号", line):
            return i + 1
    return min(2, len(lines))


def synthetic_text(i, base_name, texts, donors, rng):
    lines = texts[base_name]
    head = header_length(lines)
    out = ["@center " + l for l in lines[:head]]
    body = list(lines[head:])
    # Trade long paragraphs (body text) only: headings, dates and signatures keep the structure.
    for k in range(len(body)):
        if len(body[k]) >= 40 and rng.random() < 0.33:
            long_paragraphs = [l for l in texts[rng.choice(donors)][2:] if len(l) >= 40]
            if long_paragraphs:
                body[k] = rng.choice(long_paragraphs)
    marker = f"本件为第{i}号仿真样本，供检索性能测试使用。"
    body.insert(rng.randrange(0, len(body) + 1), marker)
    return "\n".join(out + body) + "\n", marker


def render(tool, text, pdf):
    src = pdf[:-4] + ".txt"
    with open(src, "w", encoding="utf-8") as f:
        f.write(text)
    r = subprocess.run([tool, src, pdf], capture_output=True, text=True)
    os.remove(src)
    if r.returncode != 0:
        return None, r.stderr.strip()
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:"))), ""


def make_corpus(args, n):
    folder = os.path.join(args.work, f"corpus-n{n}-seed{args.seed}")
    manifest_path = folder + ".json"   # beside the corpus, not in it: the indexers would read it
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            return folder, json.load(f)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)   # the manifest is written last: an interrupted run renders again
    texts = read_texts(args.texts)
    # Bases the font can render whole (make_fixture_pdf refuses a character it has no glyph for).
    with tempfile.TemporaryDirectory() as probe:
        usable = [name for name in texts
                  if render(args.make_pdf, "\n".join(texts[name]) + "\n", os.path.join(probe, "p.pdf"))[0]]
    rng = random.Random(args.seed)
    plans = []
    for i in range(n):
        base = usable[i % len(usable)]
        text, marker = synthetic_text(i, base, texts, usable, rng)
        batch = os.path.join(folder, f"batch-{i // BATCH:03d}")
        os.makedirs(batch, exist_ok=True)
        plans.append((os.path.join(batch, f"doc-{i:05d}.pdf"), text, marker, base))
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda p: render(args.make_pdf, p[1], p[0]), plans))
    docs = []
    for (pdf, _, marker, base), (pages, error) in zip(plans, results):
        if pages is None:
            sys.exit(f"make_fixture_pdf failed on {pdf}: {error}")
        docs.append({"path": pdf, "pages": pages, "marker": marker, "base": base})
    manifest = {"n": n, "seed": args.seed, "docs": docs, "render_seconds": time.perf_counter() - started}
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False)
    return folder, manifest


# ---------------------------------------------------------------- measuring

def tree_pids(root):
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(cmd, **kwargs):
    """Wall time and memory of a command and its descendants, sampled from /proc every 20 ms.
    Peaks: the command's own process (VmHWM), its largest descendant (VmHWM), and the sum of the
    RSS of the whole tree at any one sample."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    peak = {"main_kb": 0, "child_kb": 0, "tree_kb": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            pids = tree_pids(proc.pid)
            peak["main_kb"] = max(peak["main_kb"], status_kb(proc.pid, "VmHWM"))
            for pid in pids[1:]:
                peak["child_kb"] = max(peak["child_kb"], status_kb(pid, "VmHWM"))
            peak["tree_kb"] = max(peak["tree_kb"], sum(status_kb(pid, "VmRSS") for pid in pids))
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 2):
        sys.exit(f"{' '.join(cmd[:3])}… failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return seconds, peak, out.decode(errors="replace")


def du(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(dirpath, name))
    return total


def mb(n):
    return n / (1024 * 1024)


def pdftotext_run(pdfs, out_dir, parallel):
    os.makedirs(out_dir, exist_ok=True)
    pairs = b"".join(p.encode() + b"\0" + os.path.join(out_dir, f"{i}.txt").encode() + b"\0" for i, p in enumerate(pdfs))
    started = time.perf_counter()
    subprocess.run(["xargs", "-0", "-n", "2", "-P", str(parallel), "pdftotext"], input=pairs, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def gongwen_ingest(args, inputs, index, jobs):
    cmd = [args.gongwen, "--config", args.config, "ingest", "--json", "--jobs", str(jobs), "--index", index, *inputs]
    seconds, peak, out = run_measured(cmd)
    summary = json.loads(out.strip().splitlines()[-1])
    return seconds, peak, summary


def recoll_run(folder, work):
    conf = os.path.join(work, "recoll-conf")
    shutil.rmtree(conf, ignore_errors=True)
    os.makedirs(conf)
    with open(os.path.join(conf, "recoll.conf"), "w") as f:
        # Default PDF handling; only the indexer's own nice level (19 by default) is set to 0, as
        # gongwen and omindex run, or it would lose every contest for a shared machine's CPUs.
        f.write(f"topdirs = {folder}\ndbdir = {os.path.join(conf, 'xapiandb')}\nnoaspell = 1\nloglevel = 1\n"
                "idxniceprio = 0\n")
    env = dict(os.environ, HOME=work, RECOLL_CONFDIR=conf)
    seconds, peak, _ = run_measured(["recollindex", "-c", conf, "-z"], env=env)
    return seconds, peak, os.path.join(conf, "xapiandb")


def omindex_run(folder, work):
    db = os.path.join(work, "omindex-db")
    shutil.rmtree(db, ignore_errors=True)
    seconds, peak, _ = run_measured(["omindex", "--db", db, "--url", "/", folder])
    return seconds, peak, db


def xapian_doccount(db):
    out = subprocess.run(["xapian-delve", db], capture_output=True, text=True).stdout
    m = re.search(r"number of documents = (\d+)", out)
    return int(m.group(1)) if m else -1


def search_latency(args, index, docs, probes):
    rng = random.Random(args.seed)
    sample = rng.sample(docs, min(probes, len(docs)))
    times, first = [], 0
    for doc in sample:
        started = time.perf_counter()
        r = subprocess.run([args.gongwen, "--config", args.config, "search", "--json", "--index", index, doc["marker"][:9]],
                           capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        results = json.loads(r.stdout).get("results", []) if r.returncode == 0 else []
        if results and os.path.samefile(results[0]["path"], doc["path"]):
            first += 1
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], first, len(sample)


def profile(args, inputs, work):
    data = os.path.join(work, "perf.data")
    index = os.path.join(work, "index-profile")
    shutil.rmtree(index, ignore_errors=True)
    r = subprocess.run(["perf", "record", "-F", "499", "-g", "-o", data, "--", args.gongwen, "--config", args.config,
                        "ingest", "--jobs", "1", "--index", index, *inputs], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    if r.returncode not in (0, 2):
        return f"perf record failed: {r.stderr.strip()[-500:]}"
    def report(sort):
        r = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", sort, "--stdio",
                            "--percent-limit", "1.5", "-g", "none"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if not [l for l in r.stdout.splitlines() if l.strip() and not l.startswith("#")]:
            return f"(perf report printed nothing; exit {r.returncode}: {r.stderr.strip()[-300:]})"
        return r.stdout
    lines = ["share of samples by process (the lowest pid is the writer, the other the worker):"]
    lines += ["  " + l.strip() for l in report("pid").splitlines() if l.strip() and not l.startswith("#")]
    lines.append("share of samples by library (>= 1.5%):")
    lines += ["  " + l.strip() for l in report("dso").splitlines() if l.strip() and not l.startswith("#")]
    lines.append("top functions (>= 1.5%):")
    lines += ["  " + l.strip()[:150] for l in report("dso,sym").splitlines() if l.strip() and not l.startswith("#")]
    return "\n".join(lines)


# ---------------------------------------------------------------- mixed formats

def office_text(text):
    """The synthetic text with its body also as a one-column table, so that the XLSX writer (which
    writes a document's first table) has the document's text to put in its sheet."""
    body = [l for l in text.splitlines() if l and not l.startswith("@")]
    rows = "".join(f"{i + 1} | {l.replace('|', '｜')}\n" for i, l in enumerate(body))
    return text + "@table widths=3,40 header-rows=1\n序号 | 内容\n" + rows + "@end\n"


def make_mixed_corpus(args, n, legacy_n):
    """n documents as PDF, OFD, DOCX, XLSX and HTML (one folder per format), legacy_n of them as .doc and .xls."""
    folder = os.path.join(args.work, f"formats2-n{n}-legacy{legacy_n}-seed{args.seed}")
    manifest_path = folder + ".json"
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            return folder, json.load(f)
    shutil.rmtree(folder, ignore_errors=True)
    for fmt in ("pdf", "ofd", "docx", "xlsx", "html", "doc", "xls"):
        os.makedirs(os.path.join(folder, fmt))
    texts = read_texts(args.texts)
    rng = random.Random(args.seed + 1)
    names = sorted(texts)
    started = time.perf_counter()
    pages = 0
    for i in range(n):
        text, _ = synthetic_text(i, names[i % len(names)], texts, names, rng)
        pdf = os.path.join(folder, "pdf", f"doc-{i:05d}.pdf")
        count, error = render(args.make_pdf, text, pdf)
        if count is None:   # a character the fixture font lacks: no PDF, and no other format either
            continue
        pages += count
        # The OFD has the PDF's very layout (make_ofd_fixture reads it with the pdf plugin's reader).
        subprocess.run([args.make_ofd, pdf, os.path.join(folder, "ofd", f"doc-{i:05d}.ofd")], check=True)
        src = os.path.join(folder, f"doc-{i:05d}.txt")
        for fmt, content in (("docx", text), ("xlsx", office_text(text)), ("html", text)):
            with open(src, "w", encoding="utf-8") as f:
                f.write(content)
            tool = [args.make_html] if fmt == "html" else [args.make_office, fmt]
            subprocess.run(tool + [src, os.path.join(folder, fmt, f"doc-{i:05d}.{fmt}")], check=True)
        os.remove(src)
    rendered = time.perf_counter() - started
    # LibreOffice converts a batch of files in one process (its start dominates single files).
    started = time.perf_counter()
    profile_dir = os.path.join(args.work, "lo-profile")
    for fmt, target in (("docx", "doc"), ("xlsx", "xls")):
        sources = sorted(os.path.join(folder, fmt, f) for f in os.listdir(os.path.join(folder, fmt)))[:legacy_n]
        subprocess.run(["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{profile_dir}",
                        "--convert-to", target, "--outdir", os.path.join(folder, target), *sources],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = {"n": n, "legacy_n": legacy_n, "pdf_pages": pages, "render_seconds": rendered,
                "soffice_seconds": time.perf_counter() - started}
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f)
    return folder, manifest


def mixed_formats(args):
    folder, manifest = make_mixed_corpus(args, args.mixed_n, args.legacy_n)
    work = os.path.join(args.work, "run-formats")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = [f"Mixed formats: {args.mixed_n} synthetic documents as PDF, OFD, DOCX, XLSX and HTML (the XLSX a one-sheet table of the "
           f"document's paragraphs), {args.legacy_n} of the DOCX/XLSX converted to .doc/.xls by LibreOffice when the corpus "
           f"was made ({manifest['soffice_seconds']:.0f} s for {2 * args.legacy_n} files in two soffice runs). "
           "`gongwen ingest --jobs 2` into a fresh index per format, then all formats in one ingest.", "",
           "| format | files | wall time | docs/s | pages (gongwen's) | peak RSS: main / largest child / tree | notes |",
           "|---|---|---|---|---|---|---|"]
    formats = ("pdf", "ofd", "docx", "xlsx", "html", "doc", "xls")
    for fmt in formats + ("all",):
        inputs = [os.path.join(folder, f) for f in formats] if fmt == "all" else [os.path.join(folder, fmt)]
        seconds, peak, summary = gongwen_ingest(args, inputs, os.path.join(work, f"index-{fmt}"), 2)
        files = summary["indexed"] + summary["rejected"]
        note = f"{summary['indexed']} indexed, {summary['rejected']} rejected"
        if fmt in ("doc", "xls"):
            note += "; includes gongwen's LibreOffice conversion (one soffice start per file, a profile per worker)"
        if fmt == "all":
            note += "; same documents in several formats are kept as copies of one"
        out.append(f"| {fmt} | {files} | {seconds:.1f} s | {summary['indexed'] / seconds:.1f} | {summary['pages']} | "
                   f"{peak['main_kb'] / 1024:.0f} / {peak['child_kb'] / 1024:.0f} / {peak['tree_kb'] / 1024:.0f} MB | {note} |")
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default=os.path.join(ROOT, "build/bin/gongwen"))
    ap.add_argument("--config", default=os.path.join(ROOT, "config/gongwen.toml"))
    ap.add_argument("--make-pdf", default=os.path.join(ROOT, "build/tests/tools/make_fixture_pdf"))
    ap.add_argument("--texts", default=os.path.join(ROOT, "../shared/corpus/govcn/text"))
    ap.add_argument("--work", default=os.path.join(ROOT, "var/bench-ingest"), help="corpus cache and indexes")
    ap.add_argument("--sizes", default="200,2000", help="corpus sizes, comma-separated; the largest gets every measurement")
    ap.add_argument("--seed", type=int, default=9704)
    ap.add_argument("--probes", type=int, default=100, help="search latency probes")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--markdown", help="also write the tables as Markdown to this file")
    ap.add_argument("--make-office", default=os.path.join(ROOT, "build/tests/tools/make_office_fixture"))
    ap.add_argument("--make-ofd", default=os.path.join(ROOT, "build/tests/tools/make_ofd_fixture"))
    ap.add_argument("--make-html", default=os.path.join(ROOT, "build/tests/tools/make_html_fixture"))
    ap.add_argument("--mixed-n", type=int, default=100, help="documents per format in the mixed-format corpus (0 = skip it)")
    ap.add_argument("--legacy-n", type=int, default=20, help="of those, converted to .doc and .xls by LibreOffice")
    ap.add_argument("--only-formats", action="store_true", help="run the mixed-format part only")
    args = ap.parse_args()
    if args.only_formats:
        for tool in (args.gongwen, args.make_pdf, args.make_office):
            if not os.access(tool, os.X_OK):
                sys.exit(f"{tool} not found: build first (./scripts/build.sh -DGONGWEN_BUILD_TESTS=ON)")
        if not shutil.which("soffice"):
            sys.exit("soffice not found: install libreoffice-writer-nogui libreoffice-calc-nogui")
        os.makedirs(args.work, exist_ok=True)
        load = os.getloadavg()
        text = "\n".join(mixed_formats(args)) + f"\n\nload average {load[0]:.1f} at start, {os.getloadavg()[0]:.1f} at the end."
        print(text)
        if args.markdown:
            with open(args.markdown, "w", encoding="utf-8") as f:
                f.write(text + "\n")
        return 0
    for tool in (args.gongwen, args.make_pdf):
        if not os.access(tool, os.X_OK):
            sys.exit(f"{tool} not found: build first (./scripts/build.sh -DGONGWEN_BUILD_TESTS=ON)")
    for tool in ("pdftotext", "pdfinfo", "recollindex", "omindex", "xapian-delve", "perf"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: run bench/install-bench-deps.sh")
    sizes = sorted(int(s) for s in args.sizes.split(","))
    n = sizes[-1]
    os.makedirs(args.work, exist_ok=True)
    bench_started = time.perf_counter()

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    load_before = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, {cpu}; load average at start {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")

    folder, manifest = make_corpus(args, n)
    docs = manifest["docs"]
    pages = sum(d["pages"] for d in docs)
    pdfs = [d["path"] for d in docs]
    print(f"corpus: {len(docs)} PDFs, {pages} pages, {mb(du(folder)):.1f} MB in {folder} "
          f"(rendered in {manifest['render_seconds']:.0f} s{', cached' if time.perf_counter() - bench_started < 5 else ''})")
    work = os.path.join(args.work, "run")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    rows = []   # (tool, seconds, docs, pages, peak dict or None, index bytes or None, note)
    t1 = pdftotext_run(pdfs, os.path.join(work, "text-1"), 1)
    text_bytes = du(os.path.join(work, "text-1"))
    rows.append(("pdftotext, 1 process", t1, len(docs), pages, None, None, f"text {mb(text_bytes):.1f} MB"))
    t2 = pdftotext_run(pdfs, os.path.join(work, "text-2"), 2)
    rows.append(("pdftotext, 2 in parallel", t2, len(docs), pages, None, None, ""))

    ingest = {}
    for jobs in (1, 2):
        index = os.path.join(work, f"index-j{jobs}")
        seconds, peak, summary = gongwen_ingest(args, [folder], index, jobs)
        ingest[jobs] = (seconds, peak, summary, index)
        note = f"{summary['indexed']} indexed, {summary['rejected']} rejected"
        rows.append((f"gongwen ingest --jobs {jobs}", seconds, summary["indexed"], summary["pages"], peak, du(index), note))
    seconds2, _, _, index2 = ingest[2]
    re_seconds, re_peak, re_summary = gongwen_ingest(args, [folder], index2, 2)
    rows.append(("gongwen re-ingest, unchanged (--jobs 2)", re_seconds, len(docs), pages, re_peak, du(index2),
                 f"{re_summary['unchanged']} unchanged; {100 * re_seconds / seconds2:.1f}% of the first ingest"))

    compacted = os.path.join(work, "index-j2-compacted")
    started = time.perf_counter()
    subprocess.run([args.gongwen, "--config", args.config, "compact", "--index", index2, "--output", compacted],
                   check=True, stdout=subprocess.DEVNULL)
    c_seconds = time.perf_counter() - started
    rows.append(("gongwen compact --output (of the --jobs 2 index, which ingest compacted already)", c_seconds, len(docs), pages, None, du(compacted),
                 f"{du(compacted) / text_bytes:.1f}x the extracted text"))

    r_seconds, r_peak, r_db = recoll_run(folder, work)
    rows.append(("recollindex (recollcmd)", r_seconds, xapian_doccount(r_db), pages, r_peak, du(r_db), "default config"))
    o_seconds, o_peak, o_db = omindex_run(folder, work)
    rows.append(("omindex (xapian-omega)", o_seconds, xapian_doccount(o_db), pages, o_peak, du(o_db), "default config"))

    # Memory flatness: the same --jobs 2 ingest on the smaller corpora (their first folders).
    flat = []
    for size in sizes[:-1]:
        if size % BATCH == 0:
            inputs = sorted(os.path.join(folder, b) for b in os.listdir(folder) if b.startswith("batch-"))[: size // BATCH]
        else:
            inputs = pdfs[:size]
        index = os.path.join(work, f"index-n{size}")
        seconds, peak, summary = gongwen_ingest(args, inputs, index, 2)
        flat.append((size, seconds, summary, peak, du(index)))
    flat.append((n, seconds2, ingest[2][2], ingest[2][1], du(index2)))

    median_s, p95_s, first, probes = search_latency(args, index2, docs, args.probes)

    # ---- tables
    out = []
    out.append(f"| tool | wall time | docs/s | pages/s | peak RSS: main / largest child / tree | index size | notes |")
    out.append("|---|---|---|---|---|---|---|")
    for tool, seconds, ndocs, npages, peak, size, note in rows:
        rss = (f"{peak['main_kb'] / 1024:.0f} / {peak['child_kb'] / 1024:.0f} / {peak['tree_kb'] / 1024:.0f} MB"
               if peak else "")
        # A re-ingest or a compaction reads no PDF: a rate in documents or pages would mean nothing.
        rates = ("", "") if ("re-ingest" in tool or "compact" in tool) else (f"{ndocs / seconds:.1f}", f"{npages / seconds:.0f}")
        out.append(f"| {tool} | {seconds:.1f} s | {rates[0]} | {rates[1]} | {rss} | "
                   f"{'' if size is None else f'{mb(size):.1f} MB'} | {note} |")
    out.append("")
    out.append("| N (gongwen ingest --jobs 2) | wall time | pages/s | peak RSS main / largest worker / tree | index size |")
    out.append("|---|---|---|---|---|")
    for size, seconds, summary, peak, isize in flat:
        out.append(f"| {size} | {seconds:.1f} s | {summary['pages'] / seconds:.0f} | {peak['main_kb'] / 1024:.0f} / "
                   f"{peak['child_kb'] / 1024:.0f} / {peak['tree_kb'] / 1024:.0f} MB | {mb(isize):.1f} MB |")
    tables = ", ".join(f"{name.split('.')[0]} {mb(os.path.getsize(os.path.join(index2, name))):.1f} MB"
                       for name in sorted(os.listdir(index2)) if name.endswith(".glass"))
    out.append("")
    out.append(f"gongwen index (--jobs 2, N={n}) by Xapian table: {tables}; extracted text (pdftotext) {mb(text_bytes):.1f} MB.")
    out.append("")
    out.append(f"Search (`gongwen search --json`, whole command): median {1000 * median_s:.0f} ms, "
               f"95th percentile {1000 * p95_s:.0f} ms; the document holding the phrase first in {first} of {probes}.")

    # ---- targets
    g2 = ingest[2]
    g2_pps = g2[2]["pages"] / g2[0]
    g2_dps = g2[2]["indexed"] / g2[0]
    targets = [
        ("gongwen --jobs 2 pages/s >= 0.6x two parallel pdftotext", g2_pps / (pages / t2), 0.6, ">="),
        ("gongwen --jobs 2 docs/s >= 1.5x recollindex", g2_dps / (xapian_doccount(r_db) / r_seconds), 1.5, ">="),
        ("gongwen --jobs 2 docs/s >= 1.5x omindex", g2_dps / (xapian_doccount(o_db) / o_seconds), 1.5, ">="),
        ("unchanged re-ingest <= 5% of the first ingest", re_seconds / g2[0], 0.05, "<="),
        (f"peak RSS (tree) N={n} <= 1.2x N={sizes[0]}", flat[-1][3]["tree_kb"] / max(1, flat[0][3]["tree_kb"]), 1.2, "<="),
        ("index size (as ingest leaves it) <= 3x extracted text size", du(index2) / text_bytes, 3.0, "<="),
        ("index size after gongwen compact <= 3x extracted text size", du(compacted) / text_bytes, 3.0, "<="),
    ]
    out.append("")
    out.append("| target | measured | met |")
    out.append("|---|---|---|")
    for name, value, bound, op in targets:
        met = value >= bound if op == ">=" else value <= bound
        out.append(f"| {name} | {value:.2f} | {'yes' if met else '**no**'} |")
    load_after = os.getloadavg()
    out.append("")
    out.append(f"{os.cpu_count()} cores ({cpu}); load average {load_before[0]:.1f} at start, {load_after[0]:.1f} at the end; "
               f"benchmark wall time {time.perf_counter() - bench_started:.0f} s.")

    if args.mixed_n > 0:
        out.append("")
        out += mixed_formats(args)

    if not args.no_profile:
        first_batch = sorted(os.path.join(folder, b) for b in os.listdir(folder) if b.startswith("batch-"))[0]
        out.append("")
        out.append("Profile (`perf record` of `gongwen ingest --jobs 1` on the first 200 files, worker processes included):")
        out.append("```")
        out.append(profile(args, [first_batch], work))
        out.append("```")

    text = "\n".join(out)
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
