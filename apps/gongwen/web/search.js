// The search page: results as you type (debounced), grouped per document, facet filters.
"use strict";

const DEBOUNCE_MS = 250;
const FACET_NAMES = {issuer: ["发文机关", "机关"], year: ["年份", "年份"], doc_type: ["文种", "文种"]};

const box = document.getElementById("q");
const sortSelect = document.getElementById("sort");
const list = document.getElementById("result-list");
const statusLine = document.getElementById("status");
const facets = document.getElementById("facets");
const resultsRegion = document.getElementById("results");
let timer = null;
let inflight = null;
// search.rank_window: a very common query is ranked among the most recent documents unless the
// user asks for every match (rank_all=1, slower in a big archive). Typing a new query resets it.
let rankAll = new URLSearchParams(location.search).get("rank_all") === "1";

// "只在最近入库的约 N% 文件中排序", with a button that ranks every match.
function rankedShare(fraction) {
  if (!(fraction < 1)) return [];
  const button = el("button", {type: "button", class: "link", id: "rank-all"}, "在全部匹配文件中排序");
  button.addEventListener("click", () => { rankAll = true; runSearch(); });
  return ["；只在最近入库的约 " + Math.max(1, Math.round(fraction * 100)) + "% 文件中排序（加年份:、机关:或更多词语可查到更早的文件，或", button, "，较慢）"];
}

// One document kept as several files (a PDF and its scan): listed once, from its best copy.
function copiesBadge(copies, shownPath) {
  if (!Array.isArray(copies) || copies.length < 2) return null;
  const others = copies.filter((copy) => copy.path !== shownPath).map((copy) => copy.path + (copy.ocr_pages && copy.ocr_pages.length ? "（OCR）" : ""));
  return el("span", {class: "copies", title: "其他副本：" + others.join("；")}, copies.length + " 份副本");
}

function resultItem(result) {
  const info = result.document || {};
  const best = (result.clauses && result.clauses[0]) || {};
  const title = result.title || result.doc_number || result.path;
  const item = el("li", {class: "result"});
  item.append(el("div", {class: "result-title"}, el("a", {href: docUrl(result.doc_id, best.clause_path), class: "result-link"}, title)));
  item.append(el("div", {class: "meta"},
    result.doc_number ? el("span", {class: "doc-number"}, result.doc_number) : null,
    joinList(info.issuers) ? el("span", {class: "issuer"}, joinList(info.issuers)) : null,
    (info.signed_date || result.signed_date) ? el("span", {class: "date"}, info.signed_date || result.signed_date) : null,
    info.doc_type ? el("span", {class: "doc-type"}, info.doc_type) : null,
    copiesBadge(result.copies, result.path)));
  for (const clause of result.clauses || []) {
    item.append(el("div", {class: "clause-hit"},
      el("a", {class: "clause-path", href: docUrl(result.doc_id, clause.clause_path)}, clause.clause_path || "（正文开头）"),
      el("span", {class: "snippet"}, highlighted(clause.snippet_text, clause.highlights)),
      el("a", {class: "page-ref", href: fileUrl(result.doc_id, clause.page), "aria-label": "原文第 " + clause.page + " 页"}, "第" + clause.page + "页")));
  }
  return item;
}

// Facets come from `search --json` when the searcher provides them; without them the panel stays hidden.
function renderFacets(data) {
  facets.replaceChildren();
  const groups = data.facets || {};
  let shown = false;
  for (const [key, [label, filter]] of Object.entries(FACET_NAMES)) {
    const counts = groups[key];
    if (!Array.isArray(counts) || counts.length === 0) continue;
    shown = true;
    const ul = el("ul");
    for (const {value, count} of counts.slice(0, 12)) {
      const term = filter + ":" + value;
      const active = box.value.split(/\s+/).includes(term);
      // Estimated counts (a sample of a query with very many matches: search --json) read 约.
      const shownCount = data.facets_exact === false ? "约" + count : String(count);
      const button = el("button", {type: "button", "aria-pressed": active ? "true" : "false"}, value + "（" + shownCount + "）");
      button.addEventListener("click", () => {
        const parts = box.value.split(/\s+/).filter(Boolean);
        box.value = (active ? parts.filter((part) => part !== term) : parts.concat(term)).join(" ");
        runSearch();
        box.focus();
      });
      ul.append(el("li", {}, button));
    }
    facets.append(el("section", {}, el("h2", {}, label), ul));
  }
  facets.hidden = !shown;
}

async function runSearch() {
  const query = box.value.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  if (sortSelect.value !== "relevance") url.searchParams.set("sort", sortSelect.value); else url.searchParams.delete("sort");
  if (rankAll) url.searchParams.set("rank_all", "1"); else url.searchParams.delete("rank_all");
  history.replaceState(null, "", url);
  if (inflight) inflight.abort();
  if (!query) {
    list.replaceChildren();
    statusLine.textContent = "";
    facets.hidden = true;
    return;
  }
  inflight = new AbortController();
  resultsRegion.setAttribute("aria-busy", "true");
  try {
    const data = await fetchJson("/api/search?q=" + encodeURIComponent(query) + "&sort=" + sortSelect.value + (rankAll ? "&rank_all=1" : ""),
                                 inflight.signal);
    const some = data.some_words || {total: 0, results: []};
    if (data.results.length === 0 && some.results.length > 0) {
      // No document has every word: show those with some of them, and say so.
      list.replaceChildren(...some.results.map(resultItem));
      statusLine.replaceChildren("没有文件包含「" + data.query + "」的全部词语；" + (some.ranked_fraction < 1 ? "约 " : "") + some.total +
        " 份文件包含其中部分词语，按匹配程度排列", ...rankedShare(some.ranked_fraction));
    } else {
      list.replaceChildren(...data.results.map(resultItem));
      const total = data.total_exact === false ? "约 " + data.total : String(data.total);
      statusLine.replaceChildren(total + " 份文件匹配「" + data.query + "」", ...rankedShare(data.ranked_fraction));
    }
    renderFacets(data);
  } catch (error) {
    if (error.name === "AbortError") return;
    list.replaceChildren();
    statusLine.replaceChildren(el("span", {class: "error"}, "检索失败：" + error.message));
  } finally {
    resultsRegion.setAttribute("aria-busy", "false");
  }
}

box.addEventListener("input", () => {
  rankAll = false;
  clearTimeout(timer);
  timer = setTimeout(runSearch, DEBOUNCE_MS);
});
document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  runSearch();
});
sortSelect.addEventListener("change", runSearch);
const initial = new URLSearchParams(location.search);
if (initial.get("sort") === "date") sortSelect.value = "date";
if (initial.get("q")) { box.value = initial.get("q"); runSearch(); }
