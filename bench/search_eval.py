#!/usr/bin/env python3
"""Clause-level search accuracy on a folder of real documents.

For every document, `gongwen extract --json` gives its clauses. From each sampled clause we copy
a 3-to-6 character Han phrase that occurs in exactly one clause of the whole corpus (so the right
answer is unambiguous), search for it, and check that the first result is that document and that
clause. Phrases are sampled with a fixed seed, so a run is reproducible.

    bench/search_eval.py --gongwen build/bin/gongwen --corpus ../shared/corpus/govcn/pdf
"""
import argparse, json, os, random, re, subprocess, sys, tempfile

HAN = re.compile(r"[\u4e00-\u9fff]{3,}")


def run(cmd):
    return subprocess.run(cmd, check=False, capture_output=True, text=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default="build/bin/gongwen")
    ap.add_argument("--corpus", required=True, help="folder of PDFs (e.g. ../shared/corpus/govcn/pdf)")
    ap.add_argument("--per-doc", type=int, default=5, help="phrases sampled per document")
    ap.add_argument("--seed", type=int, default=9704)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()

    files = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus))
    docs = {}
    for path in files:
        r = run([args.gongwen, "extract", "--json", path])
        if r.returncode != 0:
            print(f"skip {path}: {r.stderr.strip()}", file=sys.stderr)
            continue
        docs[path] = json.loads(r.stdout)

    all_clauses = [(p, c) for p, d in docs.items() for c in d["clauses"]]
    rng = random.Random(args.seed)
    probes = []
    for path, doc in docs.items():
        clauses = [c for c in doc["clauses"] if len(c["text"]) >= 20]
        rng.shuffle(clauses)
        taken = 0
        for clause in clauses:
            if taken == args.per_doc:
                break
            runs = HAN.findall(clause["text"])
            if not runs:
                continue
            for _ in range(20):
                run_text = rng.choice(runs)
                n = rng.randint(3, min(6, len(run_text)))
                start = rng.randint(0, len(run_text) - n)
                phrase = run_text[start:start + n]
                owners = [(p, c["path"]) for p, c in all_clauses if phrase in c["text"]]
                if len(set(owners)) == 1:
                    probes.append((phrase, path, clause["path"], doc["id"]))
                    taken += 1
                    break

    with tempfile.TemporaryDirectory() as index:
        r = run([args.gongwen, "ingest", "--index", index, "--json", *docs.keys()])
        if r.returncode not in (0, 2):
            sys.exit(f"ingest failed: {r.stderr}")
        doc_hits = clause_hits = 0
        for phrase, path, clause_path, doc_id in probes:
            r = run([args.gongwen, "search", "--index", index, "--json", "--limit", "1", phrase])
            results = json.loads(r.stdout)["results"] if r.returncode == 0 else []
            top = results[0] if results else {}
            doc_ok = top.get("doc_id") == doc_id
            clause_ok = doc_ok and top.get("clause_path") == clause_path
            doc_hits += doc_ok
            clause_hits += clause_ok
            if args.show_misses and not clause_ok:
                print(f"miss {phrase!r}: want {os.path.basename(path)} {clause_path!r}, "
                      f"got {top.get('path')} {top.get('clause_path')!r}")

    n = len(probes)
    print(f"documents {len(docs)}, phrases {n}")
    print(f"right document first: {doc_hits}/{n} ({100.0 * doc_hits / max(n, 1):.1f}%)")
    print(f"right clause first:   {clause_hits}/{n} ({100.0 * clause_hits / max(n, 1):.1f}%)")


if __name__ == "__main__":
    main()
