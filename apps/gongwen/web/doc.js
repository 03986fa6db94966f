// The document page: every field with the page it came from, the clause tree with stable anchors,
// the task table, cited and citing documents, and links into the original file.
"use strict";

const id = new URLSearchParams(location.search).get("id") || "";
const statusLine = document.getElementById("status");

// Field label, the key in the record, the key in its provenance.
const FIELDS = [
  ["发文字号", (r) => r.doc_number && r.doc_number.normalized, "doc_number"],
  ["发文机关", (r) => joinList(r.issuers), "issuer"],
  ["标题", (r) => r.title, "title"],
  ["文种", (r) => r.doc_type, "doc_type"],
  ["主送", (r) => joinList(r.recipients), "recipients"],
  ["成文日期", (r) => r.signed_date, "signed_date"],
  ["紧急程度", (r) => r.urgency, "urgency"],
  ["密级", (r) => r.secrecy, "secrecy"],
  ["附注", (r) => r.note, "note"],
  ["抄送", (r) => joinList(r.cc), "cc"],
  ["印发机关", (r) => r.printed_by, "printed_by"],
  ["印发日期", (r) => r.printed_date, "printed_date"],
  ["附件", (r) => joinList(r.attachments), "attachments"],
  ["文件", (r) => r.source && r.source.path, null],
];

function pageLink(page) {
  return page ? el("a", {href: fileUrl(id, page), class: "page-ref"}, "原文第" + page + "页") : "";
}

function renderFields(record) {
  const body = document.querySelector("#fields tbody");
  const provenance = record.provenance || {};
  for (const [label, value, key] of FIELDS) {
    const text = value(record);
    if (!text) continue;
    const where = key && provenance[key];
    body.append(el("tr", {}, el("td", {}, label), el("td", {}, text), el("td", {}, where ? pageLink(where.page) : "")));
  }
  for (const [label, value] of Object.entries(record.metadata || {})) {
    body.append(el("tr", {}, el("td", {}, label), el("td", {}, joinList(value)), el("td", {}, "网页信息")));
  }
}

// Clauses come in document order with a level (1 = 一、); nesting follows the levels.
function renderClauses(clauses) {
  const root = el("ol");
  const stack = [{level: 0, list: root, item: null}];
  for (const clause of clauses) {
    const level = Math.max(1, clause.level || 1);
    while (stack.length > 1 && stack[stack.length - 1].level >= level) stack.pop();
    let parent = stack[stack.length - 1];
    if (parent.item && parent.level < level) {
      let sub = parent.item.querySelector(":scope > ol");
      if (!sub) { sub = el("ol"); parent.item.append(sub); }
      parent = {level: parent.level, list: sub};
    }
    // The clause text starts with its own number and heading (一、总体要求), as printed.
    const anchor = clauseAnchor(clause.path);
    const item = el("li", {id: anchor, class: "clause", "data-path": clause.path},
      el("p", {class: "clause-body"},
        el("span", {class: "clause-text"}, clause.text || clause.heading || ""),
        el("a", {class: "anchor", href: "#" + encodeURIComponent(anchor), title: "本条链接",
                 "aria-label": "链接到 " + (clause.path || "正文开头")}, "¶"),
        pageLink(clause.page)));
    parent.list.append(item);
    stack.push({level, list: parent.list, item});
  }
  document.getElementById("clauses").replaceChildren(root);
}

// The state cell of a task: its recorded state and, for editors, done / undo with a note.
function taskStateCell(state, session) {
  const cell = el("td", {class: "actions"});
  if (!state) return cell;
  const show = (current) => {
    cell.replaceChildren(
      el("div", {class: "state state-" + current.state}, TASK_STATE_LABELS[current.state] || current.state,
         current.done_on ? "（" + current.done_on + "）" : ""),
      current.note ? el("div", {class: "meta note-text"}, "备注：" + current.note) : "",
      current.changed_by ? el("div", {class: "meta changed-by"}, "由 " + current.changed_by + " 更新") : "",
      taskControls(state.task_id, current.state, session, show));
  };
  show(state);
  return cell;
}

function renderTasks(tasks, states, session) {
  if (!tasks || tasks.length === 0) return;
  document.getElementById("tasks-section").hidden = false;
  const body = document.querySelector("#tasks tbody");
  const stateAt = new Map((states || []).map((state) => [state.index, state]));
  for (const [i, task] of tasks.entries()) {
    const units = el("td", {});
    (task.units || []).forEach((unit, i) => {
      if (i > 0) units.append("、");
      const lead = (task.lead_units || []).includes(unit);
      units.append(lead ? el("span", {class: "lead", title: "牵头单位"}, unit + "（牵头）") : unit);
    });
    body.append(el("tr", {}, el("td", {}, task.seq), el("td", {}, task.task), units, el("td", {}, task.deadline_text || ""),
                      el("td", {}, task.due || ""), el("td", {}, pageLink(task.page)), taskStateCell(stateAt.get(i), session)));
  }
}

function documentLink(entry) {
  const label = [entry.doc_number, entry.title ? "《" + entry.title + "》" : ""].filter(Boolean).join(" ");
  return entry.doc_id ? el("a", {href: docUrl(entry.doc_id)}, label) : el("span", {}, label + "（未收录）");
}

function renderCitations(cited, citedBy) {
  const citedList = document.getElementById("cited");
  citedList.replaceChildren(...cited.map((entry) => el("li", {}, documentLink(entry))));
  if (cited.length === 0) citedList.append(el("li", {}, "无"));
  const byList = document.getElementById("cited-by");
  byList.replaceChildren(...citedBy.map((entry) => el("li", {}, documentLink(entry))));
  if (citedBy.length === 0) byList.append(el("li", {}, "索引中没有文件引用本文"));
}

// The files that hold this document (a PDF and its scan, a web save): each with its own page.
function renderCopies(copies) {
  if (!Array.isArray(copies) || copies.length < 2) return;
  document.getElementById("copies-section").hidden = false;
  document.getElementById("copies-heading").textContent = copies.length + " 份副本";
  const list = document.getElementById("copies");
  list.replaceChildren(...copies.map((copy, i) => {
    const how = (copy.ocr_pages && copy.ocr_pages.length ? "OCR" : "文字层") + "，" + copy.extractor + (i === 0 ? "，最佳副本" : "");
    const label = copy.path + "（" + how + "）";
    return el("li", {}, copy.doc_id === id ? el("strong", {}, label + " ← 本页") : el("a", {href: docUrl(copy.doc_id)}, label));
  }));
}

async function load() {
  try {
    const data = await fetchJson("/api/doc/" + encodeURIComponent(id));
    const record = data.record;
    const title = record.title || (record.doc_number && record.doc_number.normalized) || (record.source && record.source.path) || id;
    document.getElementById("title").textContent = title;
    document.title = title + " — gongwen";
    document.getElementById("original").href = fileUrl(id);
    renderFields(record);
    renderTasks(record.tasks, data.task_states, await currentSession());
    renderCopies(record.copies);
    renderCitations(data.cited || [], data.cited_by || []);
    renderClauses(record.clauses || []);
    // The anchor in the address exists only now: scroll to it.
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  } catch (error) {
    document.getElementById("title").textContent = "找不到文件";
    statusLine.replaceChildren(el("span", {class: "error"}, error.message));
  } finally {
    document.getElementById("document").setAttribute("aria-busy", "false");
  }
}

load();
