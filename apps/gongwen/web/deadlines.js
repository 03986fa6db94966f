// The deadline board: every task, filtered on the server (the same filters as `gongwen deadlines`),
// sorted in the page; CSV and ICS links always carry the current filter. Editors mark tasks done
// (or undo it) with a note in the last column; everyone can open a task's history there.
"use strict";

const STATUS_LABELS = {overdue: "已逾期", due_soon: "即将到期", open: "未到期", ongoing: "长期", done: "已完成", cancelled: "已取消", archived: "已归档"};
const STATUS_ORDER = {overdue: 0, due_soon: 1, open: 2, ongoing: 3, done: 4, cancelled: 5, archived: 6};
const form = document.getElementById("filters");
const statusLine = document.getElementById("status");
const tbody = document.querySelector("#board tbody");
let tasks = [];
let sortKey = "due";
let ascending = true;
let timer = null;
let inflight = null;
let session = {can_edit: false};

function filterQuery() {
  const params = new URLSearchParams();
  for (const name of ["unit", "status", "from", "to", "today"]) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  // The server keeps the first 1000 rows of a view: of the overdue ones, the most recently overdue.
  if (params.get("status") === "overdue") params.set("sort", "latest");
  return params.toString();
}

function unitsText(task) {
  return (task.units || []).map((unit) => (task.lead_units || []).includes(unit) ? unit + "（牵头）" : unit).join("、");
}

function sortValue(task) {
  switch (sortKey) {
    case "status": return String(STATUS_ORDER[task.status] ?? 9);
    case "unit": return (task.lead_units && task.lead_units[0]) || (task.units && task.units[0]) || "\uffff";
    case "task": return task.task || "";
    case "document": return (task.doc_number || "") + "\u0000" + String(task.seq).padStart(6, "0");
    default: return task.due || "\uffff";   // open-ended tasks last
  }
}

function render() {
  const sorted = tasks.slice().sort((a, b) => {
    const order = sortValue(a).localeCompare(sortValue(b), "zh-CN");
    return ascending ? order : -order;
  });
  tbody.replaceChildren(...sorted.map((task) => el("tr", {class: task.status},
    el("td", {class: "due"}, task.due || "—"),
    el("td", {class: "status-cell"}, STATUS_LABELS[task.status] || task.status,
       task.state === "in_progress" ? el("div", {class: "meta"}, "进行中") : null),
    el("td", {class: "units"}, unitsText(task)),
    el("td", {class: "task"}, task.task, task.deadline_text ? el("div", {class: "meta"}, "时限：" + task.deadline_text) : null,
       task.note ? el("div", {class: "meta note-text"}, "备注：" + task.note) : null),
    el("td", {class: "document"}, task.doc_id ? el("a", {href: docUrl(task.doc_id)}, task.doc_number || task.title || task.doc_id)
                                              : (task.doc_number || task.title || "") + "（已移出索引）"),
    el("td", {class: "actions"}, task.task_id ? taskControls(task.task_id, task.state, session, load) : null))));
  for (const th of document.querySelectorAll("#board th")) {
    const button = th.querySelector("button");
    if (!button) continue;
    const key = button.dataset.key;
    th.setAttribute("aria-sort", key === sortKey ? (ascending ? "ascending" : "descending") : "none");
  }
}

async function load() {
  const query = filterQuery();
  const url = new URL(location.href);
  url.search = query;
  history.replaceState(null, "", url);
  document.getElementById("csv").href = "/api/deadlines.csv" + (query ? "?" + query : "");
  document.getElementById("ics").href = "/api/deadlines.ics" + (query ? "?" + query : "");
  if (inflight) inflight.abort();
  inflight = new AbortController();
  try {
    const data = await fetchJson("/api/deadlines" + (query ? "?" + query : ""), inflight.signal);
    tasks = data.tasks || [];
    const overdue = tasks.filter((task) => task.status === "overdue").length;
    const soon = tasks.filter((task) => task.status === "due_soon").length;
    statusLine.textContent = tasks.length + " 项任务，其中已逾期 " + overdue + " 项、即将到期 " + soon + " 项（以 " + data.today + " 为准）";
    if (data.total > tasks.length) {
      // Never silently: the server left rows out (its limit); say how many there are.
      statusLine.textContent += "；仅显示前 " + tasks.length + " 项，共" + (data.total_exact ? " " : "不超过 ") + data.total + " 项（下载的 CSV、日历含全部）";
    }
    render();
  } catch (error) {
    if (error.name === "AbortError") return;
    tasks = [];
    render();
    statusLine.replaceChildren(el("span", {class: "error"}, "读取失败：" + error.message));
  }
}

for (const button of document.querySelectorAll("#board th button[data-key]")) {
  button.addEventListener("click", () => {
    if (sortKey === button.dataset.key) ascending = !ascending;
    else { sortKey = button.dataset.key; ascending = true; }
    render();
  });
}
form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
form.addEventListener("change", load);
form.elements.unit.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 250); });

const initial = new URLSearchParams(location.search);
for (const name of ["unit", "status", "from", "to", "today"]) {
  if (initial.get(name)) form.elements[name].value = initial.get(name);
}
currentSession().then((answer) => { session = answer; load(); });
