#!/usr/bin/env python3
"""OCR accuracy and speed: gongwen's ocr plugin next to the plain `tesseract -l chi_sim` CLI.

    bench/ocr_bench.py --corpus ../shared/corpus/govcn/pdf [--docs 5] [--ocr-dpi 200] [--jobs 1,2]

Reads real born-digital PDFs from the corpus (the only thing it reads outside the repo; the tests
never do), so that the known text of every page is its own text layer (`pdftotext`). For the first
and the last page of each of the first --docs documents it makes two scans with
build/tests/tools/make_scan_fixture:

  clean     rendered at 300 DPI, nothing else;
  degraded  300 DPI, turned 1.5°, blurred (box radius 1), grey noise (sigma 10), saved as JPEG
            quality 75, and on the last page a red official seal stamped over the signing date
            (reaching up into the issuer's name above it).

Each scan is read by `gongwen extract --json` (text = its clauses, in order) and by the tesseract
CLI at 300 DPI and at 150 DPI (the same scan downscaled). CER = edit distance / reference length,
summed over the pages, after NFKC folding and removing whitespace and running page numbers (`— 3 —`); "CER no punct."
also drops everything that is not a Han character, letter or digit. "Seal" counts the sealed pages
whose issuer line and date were read exactly. Speed: `gongwen ingest --jobs N` over all scans
against the tesseract CLI run once per scan with OMP_THREAD_LIMIT=1, in the same run.

--single-file N: also one scanned PDF of N pages (the first N pages of the longest of the --docs
documents, 300 DPI, image-only) read by `gongwen extract --jobs 1` and `--jobs 2` — the pages of
one file spread over cores — next to the tesseract CLI on the same pages as a multi-page TIFF. The
two extracts must give the same record apart from extra.ocr_engines (checked).
"""
import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GONGWEN = ROOT / "build" / "bin" / "gongwen"
SCANNER = ROOT / "build" / "tests" / "tools" / "make_scan_fixture"
CONFIG = ROOT / "config" / "gongwen.toml"

DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
PAGE_NUMBER = re.compile(r"^[\s—―\-－–一]*\d+[\s—―\-－–一]*$")


def run(command, env=None, check=True):
    return subprocess.run(command, capture_output=True, text=True, env=env, check=check)


def fold(text):
    lines = [line for line in text.splitlines() if not PAGE_NUMBER.match(line.strip()) or not line.strip()]
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", "\n".join(lines)))


def strip_punctuation(text):
    return "".join(ch for ch in text if ch.isalnum())


def edit_distance(a, b):
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(hypothesis, reference):
    return edit_distance(hypothesis, reference) / max(1, len(reference))


def page_text(pdf, page):
    return run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"]).stdout


def page_count(pdf):
    info = run(["pdfinfo", str(pdf)]).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def signature(text):
    """The issuer line and date of a last page: the last date, and the non-empty line before it."""
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    lines = [line for line in lines if line and not PAGE_NUMBER.match(line)]
    for index in range(len(lines) - 1, 0, -1):
        if DATE.fullmatch(lines[index]):
            return lines[index - 1], lines[index]
    return None, None


def make_scans(corpus, docs, work):
    """Writes the scans; returns [{name, path, reference, issuer, date, variant}]."""
    scans = []
    pdfs = sorted(Path(corpus).glob("*.pdf"))[:docs]
    for pdf in pdfs:
        pages = page_count(pdf)
        for page in sorted({1, pages}):
            reference = page_text(pdf, page)
            issuer, date = signature(reference) if page == pages else (None, None)
            base = f"{pdf.stem}-p{page}"
            common = ["--pages", f"{page}-{page}", "--dpi", "300"]
            variants = {
                "clean": (common, ".png"),
                "degraded": (common + ["--rotate", "1.5", "--blur", "1", "--noise", "10"] +
                             (["--seal-over", date] if date else []), ".jpg"),
            }
            for variant, (options, extension) in variants.items():
                path = work / variant / f"{base}{extension}"
                path.parent.mkdir(parents=True, exist_ok=True)
                run([str(SCANNER)] + options + [str(pdf), str(path)])
                low = work / f"{variant}-150" / f"{base}.png"
                low.parent.mkdir(parents=True, exist_ok=True)
                run([str(SCANNER)] + options + ["--output-dpi", "150", str(pdf), str(low)])
                scans.append({"name": base, "variant": variant, "path": path, "low": low, "reference": reference,
                              "issuer": issuer if variant == "degraded" else None, "date": date if variant == "degraded" else None})
    return scans


def gongwen_text(path, config):
    result = run([str(GONGWEN), "--config", str(config), "extract", "--json", str(path)], check=False)
    if result.returncode != 0:
        return "", [result.stderr.strip()]
    document = json.loads(result.stdout)
    return "\n".join(clause["text"] for clause in document["clauses"]), document["warnings"]


def tesseract_env():
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def tesseract_text(path):
    return run(["tesseract", str(path), "-", "-l", "chi_sim"], env=tesseract_env()).stdout


def write_config(work, dpi, binarization=None):
    text = CONFIG.read_text(encoding="utf-8")
    # No OCR page cache: every run must recognise (the accuracy pass would otherwise make the
    # speed pass read cached results).
    if 'page_cache = ""' not in text:
        sys.exit("config/gongwen.toml has no `page_cache = \"\"` line to turn the cache off in")
    text = text.replace('page_cache = ""', 'page_cache = "off"', 1) + f"\n[plugins.ocr]\ndpi = {dpi}\n"
    if binarization:
        text += f'binarization = "{binarization}"\n'
    path = work / f"gongwen-dpi{dpi}{'-' + binarization if binarization else ''}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def accuracy(scans, readers, per_page=None):
    """readers: name → function(scan) → text. Returns rows of per-variant mean CERs and seal counts.
    per_page: a list to append (reader, variant, page name, edits, reference length, hypothesis,
    reference) to, for finding the pages that make the difference."""
    rows = []
    for reader_name, read in readers.items():
        for variant in ("clean", "degraded"):
            chosen = [scan for scan in scans if scan["variant"] == variant]
            # Edits and reference characters summed over the pages (a page of 8 characters weighs 8).
            edits, edits_np, length, length_np, sealed, sealed_ok = 0, 0, 0, 0, 0, 0
            for scan in chosen:
                hypothesis = fold(read(scan))
                reference = fold(scan["reference"])
                page_edits = edit_distance(hypothesis, reference)
                edits += page_edits
                length += len(reference)
                if per_page is not None:
                    per_page.append((reader_name, variant, scan["name"], page_edits, len(reference), hypothesis, reference))
                edits_np += edit_distance(strip_punctuation(hypothesis), strip_punctuation(reference))
                length_np += len(strip_punctuation(reference))
                if scan["date"]:
                    sealed += 1
                    issuer, date = fold(scan["issuer"]), fold(scan["date"])
                    sealed_ok += issuer in hypothesis and date in hypothesis
            rows.append((reader_name, variant, len(chosen), edits / max(1, length), edits_np / max(1, length_np),
                         f"{sealed_ok}/{sealed}" if sealed else "–"))
            print(f"  {reader_name:32} {variant:9} CER {rows[-1][3]:6.2%}  no punct. {rows[-1][4]:6.2%}  seal {rows[-1][5]}",
                  file=sys.stderr)
    return rows


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def speed(scans, work, jobs_list, config):
    """Rows of (command, wall s, pages/s, CPU s per page, wall-time ratio to the CLI)."""
    files = [scan["path"] for scan in scans]
    folder = work / "speed"
    folder.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    rows = []
    start, cpu = time.monotonic(), children_cpu()
    for path in files:
        tesseract_text(path)
    cli = time.monotonic() - start
    rows.append(("`tesseract FILE - -l chi_sim` per file, OMP_THREAD_LIMIT=1", cli, len(files) / cli,
                 (children_cpu() - cpu) / len(files), 1.0))
    for jobs in jobs_list:
        index = work / f"index-{jobs}"
        shutil.rmtree(index, ignore_errors=True)
        start, cpu = time.monotonic(), children_cpu()
        result = run([str(GONGWEN), "--config", str(config), "ingest", "--json", "--jobs", str(jobs), "--index", str(index),
                      str(folder)], check=False)
        elapsed = time.monotonic() - start
        if result.returncode not in (0, 2):
            sys.exit(f"ingest failed: {result.stderr}")
        rows.append((f"`gongwen ingest --jobs {jobs}`", elapsed, len(files) / elapsed,
                     (children_cpu() - cpu) / len(files), cli / elapsed))
    return rows


def run_watching_threads(command):
    """Runs a command; returns (stdout, wall s, CPU s of each of its threads). The per-thread CPU
    shows how evenly the pages were spread, whatever else the machine was doing meanwhile."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        threads = {}
        while process.poll() is None:
            try:
                for tid in os.listdir(f"/proc/{process.pid}/task"):
                    with open(f"/proc/{process.pid}/task/{tid}/stat") as stat:
                        fields = stat.read().rsplit(")", 1)[1].split()
                    threads[tid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (FileNotFoundError, ProcessLookupError):
                pass
            time.sleep(0.1)
        elapsed = time.monotonic() - start
        out.seek(0)
        if process.returncode != 0:
            sys.exit(f"{' '.join(command)} failed")
        return out.read().decode("utf-8"), elapsed, sorted((cpu for cpu in threads.values() if cpu >= 0.1), reverse=True)


def single_file_speed(corpus, docs, pages, work, config, jobs_list):
    """Rows of (command, wall s, pages/s, CPU s per page, ratio to the CLI) for one N-page scan."""
    pdfs = sorted(Path(corpus).glob("*.pdf"))[:docs]
    source = max(pdfs, key=page_count)
    pages = min(pages, page_count(source))
    scan = work / f"single-{source.stem}-{pages}p.pdf"
    tiff = work / f"single-{source.stem}-{pages}p.tif"
    for out in (scan, tiff):
        run([str(SCANNER), "--pages", f"1-{pages}", "--dpi", "300", str(source), str(out)])
    rows = []
    start, cpu = time.monotonic(), children_cpu()
    run(["tesseract", str(tiff), "-", "-l", "chi_sim"], env=tesseract_env())
    cli = time.monotonic() - start
    rows.append((f"`tesseract` CLI on the {pages} pages (multi-page TIFF), OMP_THREAD_LIMIT=1", cli, pages / cli,
                 (children_cpu() - cpu) / pages, 1.0))
    records = {}
    for jobs in jobs_list:
        cpu = children_cpu()
        output, elapsed, threads = run_watching_threads(
            [str(GONGWEN), "--config", str(config), "extract", "--json", "--jobs", str(jobs), str(scan)])
        record = json.loads(output)
        engines = record["extra"].pop("ocr_engines", "?")
        record["source"].pop("path", None)
        records[jobs] = record
        split = " + ".join(f"{thread:.1f}" for thread in threads)
        rows.append((f"`gongwen extract --jobs {jobs}` ({engines} engines; CPU s per thread {split})", elapsed, pages / elapsed,
                     (children_cpu() - cpu) / pages, cli / elapsed))
    first = next(iter(records.values()))
    same = all(record == first for record in records.values())
    print(f"  single file: records for --jobs {','.join(map(str, jobs_list))} identical: {same}", file=sys.stderr)
    if not same:
        sys.exit("the records differ between job counts")
    return source.stem, pages, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="folder of born-digital PDFs, e.g. ../shared/corpus/govcn/pdf")
    parser.add_argument("--docs", type=int, default=5, help="documents to take (first and last page of each)")
    parser.add_argument("--ocr-dpi", default="200", help="comma-separated recognition resolutions for gongwen")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--binarization", help="comma-separated plugins.ocr.binarization values to compare (default: the config's)")
    parser.add_argument("--keep", help="keep the scans in this folder instead of a temporary one")
    parser.add_argument("--skip-cli", action="store_true", help="gongwen only (e.g. to compare --ocr-dpi values)")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--single-file", type=int, default=0, metavar="N",
                        help="also time one N-page scanned PDF with extract --jobs 1 and 2 (pages of one file in parallel)")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--per-page", help="write every page's CER per reader to this JSON file (with both texts)")
    args = parser.parse_args()
    for tool in (GONGWEN, SCANNER):
        if not tool.exists():
            sys.exit(f"{tool} is missing: run ./scripts/build.sh -DGONGWEN_BUILD_TESTS=ON first")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gongwen-ocr-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"scans in {work}", file=sys.stderr)
    scans = make_scans(args.corpus, args.docs, work)
    print(f"{len(scans)} scans of {len(scans) // 2} pages", file=sys.stderr)

    readers = {}
    configs = {}
    binarizations = args.binarization.split(",") if args.binarization else [None]
    for dpi in [int(value) for value in args.ocr_dpi.split(",")]:
        for binarization in binarizations:
            config = write_config(work, dpi, binarization)
            configs.setdefault(dpi, config)
            cache = {}

            def read_gongwen(scan, config=config, cache=cache):
                key = str(scan["path"])
                if key not in cache:
                    cache[key] = gongwen_text(scan["path"], config)[0]
                return cache[key]
            readers[f"gongwen (ocr plugin, {dpi} DPI{', ' + binarization if binarization else ''})"] = read_gongwen
    if not args.skip_cli:
        readers["tesseract CLI, 300 DPI"] = lambda scan: tesseract_text(scan["path"])
        readers["tesseract CLI, 150 DPI"] = lambda scan: tesseract_text(scan["low"])
    per_page = [] if args.per_page else None
    rows = [] if args.skip_accuracy else accuracy(scans, readers, per_page)
    if args.per_page:
        Path(args.per_page).write_text(json.dumps(
            [{"reader": r, "variant": v, "page": n, "edits": e, "length": l, "cer": e / max(1, l), "hypothesis": h, "reference": ref}
             for r, v, n, e, l, h, ref in per_page], ensure_ascii=False, indent=1), encoding="utf-8")

    print("\n| reader | scans | pages | CER | CER no punct. | issuer and date under a seal |")
    print("|---|---|---|---|---|---|")
    for reader, variant, count, error, error_np, seal in rows:
        print(f"| {reader} | {variant} | {count} | {error:.2%} | {error_np:.2%} | {seal} |")

    jobs_list = [int(value) for value in args.jobs.split(",")]
    first_dpi = next(iter(configs))
    if args.single_file:
        name, pages, single_rows = single_file_speed(args.corpus, args.docs, args.single_file, work, configs[first_dpi], jobs_list)
        print(f"\n| one scanned PDF ({name}, {pages} pages, 300 DPI) | time | pages/s | CPU s/page | × tesseract CLI |")
        print("|---|---|---|---|---|")
        for command, elapsed, rate, cpu, ratio in single_rows:
            print(f"| {command} | {elapsed:.1f} s | {rate:.2f} | {cpu:.2f} | {ratio:.2f}× |")
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", file=sys.stderr)
    if args.skip_speed:
        return
    speed_rows = speed(scans, work, jobs_list, configs[first_dpi])
    print(f"\n| command ({len(scans)} scans, 300 DPI) | time | pages/s | CPU s/page | pages/s × tesseract CLI |")
    print("|---|---|---|---|---|")
    for name, elapsed, rate, cpu, ratio in speed_rows:
        print(f"| {name} | {elapsed:.1f} s | {rate:.2f} | {cpu:.2f} | {ratio:.2f}× |")
    print(f"\nload average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", file=sys.stderr)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
