#!/usr/bin/env python3
"""Search quality benchmark: gongwen against Xapian (TermGenerator/QueryParser with FLAG_CJK_NGRAM)
and Recoll (recollindex/recollq, default configuration) on the same corpus and queries, in one run.

    bench/quality_bench.py                      # corpus /work/shared/corpus, queries bench/queries.tsv

The corpus is the 60 gov.cn PDFs plus the local texts (policy_transparency *.txt, shanghai_*
Markdown and PDF). Every system indexes exactly the same files (copied into one folder):
gongwen through `gongwen ingest`, the Xapian baseline from `pdftotext` output (PDF) or the file's
text, Recoll with its own filters. Queries are written in gongwen's syntax; the peers get the same
text with field prefixes (文号: 引用: 机关:) removed, which is what their users would type.

Metrics per system (documents judged by file name): recall@10, MRR (first relevant document),
nDCG@10 (binary relevance); per category too. For gongwen, also how often the best clause of the
first result contains the expected text (column 5 of the query file), and the whole-process
latency of each `gongwen search`.
Needs: gongwen built (build/bin/gongwen), python3-xapian, recollcmd, poppler-utils
(bench/install-bench-deps.sh installs them).
"""
import argparse, json, math, os, shutil, statistics, subprocess, sys, tempfile, time

try:
    import xapian
except ImportError:  # python3-xapian is a Debian package: use Debian's interpreter
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("quality_bench: python3-xapian is missing (bench/install-bench-deps.sh)")

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ("文号:", "文号：", "引用:", "引用：", "机关:", "机关：", "文种:", "年份:", "单位:")


def load_queries(path):
    queries = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        cols += [""] * (5 - len(cols))
        queries.append({"id": cols[0], "category": cols[1], "query": cols[2],
                        "relevant": [r for r in cols[3].split("|") if r], "clause": cols[4]})
    return queries


def corpus_files(root):
    picked = []
    for sub, exts in (("govcn/pdf", (".pdf",)), ("local/policy_transparency", (".txt",)),
                      ("local/shanghai_policy_md", (".md", ".pdf")), ("local/shanghai_gov_docs", (".md",))):
        folder = os.path.join(root, sub)
        for name in sorted(os.listdir(folder)):
            if name.endswith(exts) and os.path.isfile(os.path.join(folder, name)):
                picked.append(os.path.join(folder, name))
    return picked


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def peer_query(query):
    words = []
    for word in query.split(" "):
        for field in FIELDS:
            if word.startswith(field):
                word = word[len(field):]
                break
        words.append(word)
    return " ".join(words)


def is_relevant(name, relevant):
    return any(name.startswith(r) for r in relevant)


def metrics(ranked, relevant, k=10):
    top = ranked[:k]
    found = {r for r in relevant if any(n.startswith(r) for n in top)}
    recall = len(found) / len(relevant)
    rr = 0.0
    for i, name in enumerate(ranked):
        if is_relevant(name, relevant):
            rr = 1.0 / (i + 1)
            break
    # Binary nDCG: each relevant document counts once (its first, best-ranked hit).
    seen, dcg = set(), 0.0
    for i, name in enumerate(top):
        for r in relevant:
            if name.startswith(r) and r not in seen:
                seen.add(r)
                dcg += 1 / math.log2(i + 2)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return recall, rr, dcg / ideal


# ---------------------------------------------------------------- gongwen
class Gongwen:
    name = "gongwen"

    def __init__(self, binary, corpus, work, jobs):
        self.binary, self.index = binary, os.path.join(work, "gongwen-index")
        r = subprocess.run([binary, "ingest", "--jobs", str(jobs), "--index", self.index, corpus], capture_output=True, text=True)
        if r.returncode not in (0, 2):
            sys.exit(f"gongwen ingest failed: {r.stderr}")
        if r.returncode == 2:
            print("gongwen ingest rejected some files:\n" + r.stderr, file=sys.stderr)
        self.latencies, self.clause_ok, self.clause_total = [], 0, 0

    def search(self, q):
        start = time.perf_counter()
        r = subprocess.run([self.binary, "search", "--json", "-n", "10", "--index", self.index, q["query"]],
                           capture_output=True, text=True)
        self.latencies.append(time.perf_counter() - start)
        if r.returncode != 0:
            print(f"gongwen: {q['id']} {q['query']}: {r.stderr.strip()}", file=sys.stderr)
            return []
        results = json.loads(r.stdout)["results"]
        if q["clause"]:
            self.clause_total += 1
            if results and is_relevant(stem(results[0]["path"]), q["relevant"]):
                best = results[0]["clauses"][0]["snippet_text"].replace(" ", "") if results[0]["clauses"] else ""
                self.clause_ok += q["clause"] in best
        return [stem(x["path"]) for x in results]


# ---------------------------------------------------------------- Xapian baseline
def file_text(path):
    if path.endswith(".pdf"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True).stdout
    return open(path, encoding="utf-8", errors="replace").read()


class XapianBaseline:
    name = "xapian-cjk-ngram"

    def __init__(self, files, work):
        self.db = xapian.WritableDatabase(os.path.join(work, "xapian-baseline"), xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
        for path in files:
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(file_text(path))
            doc.set_data(stem(path))
            self.db.add_document(doc)
        self.db.commit()
        self.qp = xapian.QueryParser()
        self.qp.set_database(self.db)
        self.flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM

    def search(self, q):
        enquire = xapian.Enquire(self.db)
        enquire.set_query(self.qp.parse_query(peer_query(q["query"]), self.flags))
        return [m.document.get_data().decode() for m in enquire.get_mset(0, 10)]


# ---------------------------------------------------------------- Recoll
class Recoll:
    name = "recoll"

    def __init__(self, corpus, work):
        self.conf = os.path.join(work, "recoll-conf")
        os.makedirs(self.conf, exist_ok=True)
        with open(os.path.join(self.conf, "recoll.conf"), "w") as f:
            f.write(f"topdirs = {corpus}\n")  # everything else: Recoll's defaults
        r = subprocess.run(["recollindex", "-c", self.conf], capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            sys.exit(f"recollindex failed: {r.stderr[-2000:]}")

    def search(self, q):
        r = subprocess.run(["recollq", "-c", self.conf, "-n", "10", "-b", peer_query(q["query"])], capture_output=True, text=True,
                           errors="replace")
        names = []
        for line in r.stdout.splitlines():
            if line.startswith("file://"):
                names.append(stem(line[len("file://"):]))
        return names


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", default=os.path.join(HERE, "..", "build", "bin", "gongwen"))
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--json", help="also write per-query results to this file")
    args = ap.parse_args()

    queries = load_queries(args.queries)
    work = tempfile.mkdtemp(prefix="gongwen-quality-")
    try:
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus)
        files = []
        for path in corpus_files(args.corpus):
            copy = os.path.join(corpus, os.path.basename(path))
            shutil.copyfile(path, copy)  # copies: Recoll's defaults do not follow symlinks
            files.append(copy)
        print(f"corpus: {len(files)} files; queries: {len(queries)}", file=sys.stderr)
        systems = [Gongwen(args.gongwen, corpus, work, args.jobs), XapianBaseline(files, work), Recoll(corpus, work)]
        table, per_query = {}, []
        for system in systems:
            scores = []
            for q in queries:
                ranked = system.search(q)
                scores.append((q, metrics(ranked, q["relevant"])))
                per_query.append({"system": system.name, "id": q["id"], "query": q["query"], "ranked": ranked,
                                  "recall": scores[-1][1][0], "rr": scores[-1][1][1], "ndcg": scores[-1][1][2]})
                if args.show_misses and scores[-1][1][1] < 1:
                    print(f"  {system.name} {q['id']} {q['query']}: rr={scores[-1][1][1]:.2f} top={ranked[:3]}", file=sys.stderr)
            table[system.name] = scores

        def mean(scores, i, category=None):
            values = [s[1][i] for s in scores if category is None or s[0]["category"] == category]
            return sum(values) / len(values)

        print(f"\n{'system':<18} {'recall@10':>9} {'MRR':>6} {'nDCG@10':>8}   ({len(queries)} queries, {len(files)} documents)")
        for name, scores in table.items():
            print(f"{name:<18} {mean(scores, 0):>9.3f} {mean(scores, 1):>6.3f} {mean(scores, 2):>8.3f}")
        categories = sorted({q["category"] for q in queries}, key=[q["category"] for q in queries].index)
        print(f"\nMRR by category: " + "  ".join(f"{c}({sum(q['category'] == c for q in queries)})" for c in categories))
        for name, scores in table.items():
            print(f"{name:<18} " + "  ".join(f"{mean(scores, 1, c):.2f}".rjust(len(c) + 4) for c in categories))
        g = systems[0]
        print(f"\ngongwen best clause of the first result holds the expected text: {g.clause_ok}/{g.clause_total}")
        lat = sorted(g.latencies)
        p95 = lat[min(len(lat) - 1, math.ceil(0.95 * len(lat)) - 1)]
        print(f"gongwen search, whole process on this index: median {statistics.median(lat) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
        if args.json:
            with open(args.json, "w") as f:
                json.dump(per_query, f, ensure_ascii=False, indent=1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
