#!/usr/bin/env python3
"""Scores gongwen's field extraction against gov.cn's own labels.

For each PDF listed in labels.tsv (name, index_number, title, issuer, doc_number, source_url),
runs `gongwen extract --json` and compares doc number, title and issuer exactly (after removing
whitespace; joint issuers are compared as gov.cn writes them, joined with 、, and a
"无" or empty label means the document has no doc number).

    bench/fields_eval.py --corpus ../shared/corpus/govcn [--gongwen build/bin/gongwen] [--show-misses]
                         [--compare-text]

--compare-text also extracts text/NAME.txt (the same document as UTF-8 text) and counts the
documents whose PDF and text give the same doc number, issuers, title, 文种, signed date, 附注 and
cited numbers: the fields must not depend on the format they arrive in.

The labelled sets of issue 17 are scored next to gov.cn when given (all from the repository, so
the figures are reproducible without ../shared):

    --websaves tests/fixtures/websaves        web-page saves (labels.tsv: file, doc_number, issuers,
                                              title, doc_type, signed_date, recipients, printed_by,
                                              printed_date); every field exact
    --redhead tests/fixtures/redhead_labels.tsv --scans build/tests/fixtures
                                              red-header scans NAME_scanned.pdf: doc number, issuer,
                                              title, signed date exact; cited-number precision/recall
    --repair build/bin/doc_number_repair      OCR-slip repair over the ~37k distinct real doc numbers
                                              (needs cmake -DGONGWEN_BUILD_BENCH=ON): known codes from
                                              half of them, slips injected into the other half

Multi-valued labels are separated by | or ； or ; in the TSVs (issuers also by 、).
"""
import argparse, csv, json, os, re, subprocess, sys


def norm(text):
    return re.sub(r"\s+", "", text or "")


def comparable(d):
    return (
        (d["doc_number"] or {}).get("normalized"),
        d.get("issuers"), d["title"], d["doc_type"], d["signed_date"], d.get("note"),
        sorted(c["doc_number"] or "" for c in d["cited_documents"]),
    )


def split_values(text, separators):
    return [v for v in (norm(p) for p in re.split(separators, text or "")) if v]


def extract(gongwen, path):
    r = subprocess.run([gongwen, "extract", "--json", path], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"{path}: extract failed: {r.stderr.strip()}", file=sys.stderr)
        return None
    return json.loads(r.stdout)


def got_fields(d):
    """The fields of one extract --json record, as the labelled TSVs write them."""
    if d is None:
        return {}
    return {
        "doc_number": (d["doc_number"] or {}).get("normalized", ""),
        "issuers": sorted(norm(i) for i in d.get("issuers") or []),
        "title": norm(d["title"]),
        "doc_type": norm(d["doc_type"]),
        "signed_date": d["signed_date"] or "",
        "recipients": sorted(norm(r) for r in d.get("recipients") or []),
        "printed_by": norm(d.get("printed_by")),
        "printed_date": d.get("printed_date") or "",
        "cited": sorted({c["doc_number"] for c in d.get("cited_documents") or [] if c.get("doc_number")}),
    }


def wanted_fields(row):
    want = {}
    for field, value in row.items():
        if field == "issuers":
            want[field] = sorted(split_values(value, r"[、|；;]"))
        elif field in ("recipients", "cited"):   # a recipient may hold 、 (各市、县人民政府)
            want[field] = sorted(split_values(value, r"[|；;]"))
        elif field in ("doc_number", "signed_date", "printed_date"):
            want[field] = (value or "").strip()
        else:
            want[field] = norm(value)
    return want


def score_labelled(title, rows, path_of, fields, gongwen, show_misses):
    """Exact-match rate per field over one labelled set; returns the records for further scores."""
    hits = {f: 0 for f in fields}
    records = []
    for row in rows:
        d = extract(gongwen, path_of(row))
        got, want = got_fields(d), wanted_fields(row)
        records.append((row, got, want))
        for f in fields:
            ok = got.get(f) == want.get(f)
            hits[f] += ok
            if show_misses and not ok:
                print(f"miss {title} {row['file']} {f}: want {want.get(f)!r}, got {got.get(f)!r}")
    n = len(rows)
    print(f"\n{title}: documents {n}")
    for f in fields:
        print(f"{f:12s} {hits[f]}/{n} exact ({100.0 * hits[f] / max(n, 1):.1f}%)")
    return records


def score_citations(records):
    found = right = wanted = 0
    for row, got, want in records:
        if not want.get("cited"):
            continue
        g, w = set(got.get("cited", [])), set(want["cited"])
        found += len(g)
        right += len(g & w)
        wanted += len(w)
    precision = right / found if found else 1.0
    recall = right / wanted if wanted else 1.0
    print(f"cited numbers (documents that cite): precision {precision:.3f}, recall {recall:.3f} "
          f"({right} right of {found} found, {wanted} labelled)")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def issue17_sets(args):
    if args.websaves:
        rows = read_tsv(os.path.join(args.websaves, "labels.tsv"))
        score_labelled("web-page saves", rows, lambda r: os.path.join(args.websaves, r["file"]),
                       ["doc_number", "issuers", "title", "doc_type", "signed_date", "recipients",
                        "printed_by", "printed_date"], args.gongwen, args.show_misses)
    if args.redhead:
        rows = read_tsv(args.redhead)
        fields = ["doc_number", "issuers", "title", "doc_type", "signed_date", "recipients"]
        scan = lambda r: os.path.join(args.scans, r["file"] + "_scanned.pdf")
        # Scans whose number OCR misreads (the `slip` column: 【〔2020]) are a set of their own, as
        # in tests/unit/test_red_header_scans.cpp; the labels hold the number as printed.
        clean = [r for r in rows if not r.get("slip")]
        slipped = [r for r in rows if r.get("slip")]
        for r in rows:
            r.pop("slip", None)
            r.pop("issuer_from", None)
        records = score_labelled("red-header scans", clean, scan, fields + ["cited"], args.gongwen, args.show_misses)
        score_citations(records)
        if slipped:
            score_labelled("red-header scans, doc number misread by OCR", slipped, scan, fields, args.gongwen, args.show_misses)
    if args.repair:
        print("\ndoc-number repair (OCR slips injected into held-out real numbers):")
        r = subprocess.run([args.repair, "figures"], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{args.repair}: {r.stderr.strip()}")
        figures = json.loads(r.stdout)
        for group, values in figures.items():
            if isinstance(values, dict) and "numbers" in values:
                print(f"{group:14s} {values['exact']}/{values['numbers']} exact ({100.0 * values['rate']:.1f}%), "
                      f"{values['code_slipped']} with a 代字 slip, {values['left_as_read']} left as read, "
                      f"false repairs {values['false_repairs']}, clean numbers changed {values['clean_changed']}")
            else:
                print(f"{group:14s} {values}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default="build/bin/gongwen")
    ap.add_argument("--corpus", help="folder with labels.tsv and pdf/ (gov.cn)")
    ap.add_argument("--websaves", help="tests/fixtures/websaves")
    ap.add_argument("--redhead", help="tests/fixtures/redhead_labels.tsv")
    ap.add_argument("--scans", default="build/tests/fixtures", help="where NAME_scanned.pdf are built")
    ap.add_argument("--repair", help="the doc-number repair evaluator (build/bin/...)")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--compare-text", action="store_true", help="also compare the fields of text/NAME.txt")
    args = ap.parse_args()
    if args.corpus:
        govcn(args)
    issue17_sets(args)


def govcn(args):

    with open(os.path.join(args.corpus, "labels.tsv"), encoding="utf-8") as f:
        labels = list(csv.DictReader(f, delimiter="\t"))
    score = {"doc_number": 0, "title": 0, "issuer": 0}
    total = 0
    same_as_text = compared = 0
    for row in labels:
        pdf = os.path.join(args.corpus, "pdf", row["name"] + ".pdf")
        r = subprocess.run([args.gongwen, "extract", "--json", pdf], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"{row['name']}: extract failed: {r.stderr.strip()}", file=sys.stderr)
            total += 1
            continue
        d = json.loads(r.stdout)
        if args.compare_text:
            text = os.path.join(args.corpus, "text", row["name"] + ".txt")
            t = subprocess.run([args.gongwen, "extract", "--json", text], capture_output=True, text=True)
            compared += 1
            if t.returncode == 0:
                a, b = comparable(d), comparable(json.loads(t.stdout))
                same_as_text += a == b
                if args.show_misses and a != b:
                    print(f"differs {row['name']}: pdf {a!r}, text {b!r}")
        got = {
            "doc_number": (d["doc_number"] or {}).get("normalized", ""),
            "title": d["title"] or "",
            "issuer": "、".join(d.get("issuers") or ([d["issuer"]] if isinstance(d["issuer"], str) else d["issuer"] or [])),
        }
        label_number = "" if row["doc_number"] in ("", "无") else row["doc_number"]
        # gov.cn abbreviates 国务院令 as 国令; gongwen normalizes both to 国务院令 (one number, one form).
        label_number = re.sub(r"^国令", "国务院令", label_number)
        want = {"doc_number": label_number,
                "title": row["title"], "issuer": row["issuer"]}
        total += 1
        for field in score:
            ok = norm(got[field]) == norm(want[field])
            score[field] += ok
            if args.show_misses and not ok:
                print(f"miss {row['name']} {field}: want {want[field]!r}, got {got[field]!r}")
    print(f"gov.cn: documents {total}")
    for field, hits in score.items():
        print(f"{field:10s} {hits}/{total} exact ({100.0 * hits / max(total, 1):.1f}%)")
    if args.compare_text:
        print(f"pdf = text {same_as_text}/{compared} documents with identical fields "
              f"({100.0 * same_as_text / max(compared, 1):.1f}%)")


if __name__ == "__main__":
    main()
