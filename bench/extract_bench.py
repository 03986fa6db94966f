#!/usr/bin/env python3
"""Text extraction and ingest speed next to Poppler's `pdftotext` on the same PDFs.

Three numbers, each the median of --runs runs over the whole folder:
  pdftotext   `pdftotext FILE -` once per file (Poppler's own CLI: the floor for PDF text)
  extract     `gongwen extract --json FILE` once per file (pipeline + fields, no index)
  ingest -jN  `gongwen ingest --jobs N` on the folder into a fresh index (extraction, fields,
              segmentation and Xapian writes), for each N in --jobs

    bench/extract_bench.py --corpus ../shared/corpus/govcn/pdf [--gongwen build/bin/gongwen]
"""
import argparse, os, statistics, subprocess, sys, tempfile, time


def timed(cmds):
    start = time.perf_counter()
    for cmd in cmds:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_time(make_cmds, runs):
    return statistics.median(timed(make_cmds()) for _ in range(runs))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default="build/bin/gongwen")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()

    pdfs = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus) if f.lower().endswith(".pdf"))
    pages = 0
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages += int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))
    print(f"{len(pdfs)} PDFs, {pages} pages, median of {args.runs} runs")

    base = median_time(lambda: [["pdftotext", p, "-"] for p in pdfs], args.runs)
    print(f"{'pdftotext (per file)':28s} {base:7.2f} s  {pages / base:7.1f} pages/s  1.00x")

    t = median_time(lambda: [[args.gongwen, "extract", "--json", p] for p in pdfs], args.runs)
    print(f"{'gongwen extract (per file)':28s} {t:7.2f} s  {pages / t:7.1f} pages/s  {t / base:.2f}x")

    for jobs in args.jobs.split(","):
        def ingest():
            index = tempfile.mkdtemp(prefix="gongwen-bench-")
            return [[args.gongwen, "ingest", "--jobs", jobs, "--index", index, *pdfs]]
        t = median_time(ingest, args.runs)
        print(f"{'gongwen ingest --jobs ' + jobs:28s} {t:7.2f} s  {pages / t:7.1f} pages/s  {t / base:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
