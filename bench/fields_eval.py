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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default="build/bin/gongwen")
    ap.add_argument("--corpus", required=True, help="folder with labels.tsv and pdf/")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--compare-text", action="store_true", help="also compare the fields of text/NAME.txt")
    args = ap.parse_args()

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
    print(f"documents {total}")
    for field, hits in score.items():
        print(f"{field:10s} {hits}/{total} exact ({100.0 * hits / max(total, 1):.1f}%)")
    if args.compare_text:
        print(f"pdf = text {same_as_text}/{compared} documents with identical fields "
              f"({100.0 * same_as_text / max(compared, 1):.1f}%)")


if __name__ == "__main__":
    main()
