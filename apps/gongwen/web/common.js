// Helpers shared by the pages. Every value that comes from a document reaches the page through
// textContent or a text node: nothing from the index is ever parsed as HTML.
"use strict";

/** el("a", {href: "/x", class: "y"}, "text", child): an element with attributes and children. */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Text with the UTF-8 byte ranges `highlights` ([[from, to], …]) wrapped in <mark>, as nodes. */
function highlighted(text, highlights) {
  const bytes = new TextEncoder().encode(text || "");
  const decode = (from, to) => new TextDecoder().decode(bytes.subarray(from, to));
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [from, to] of (highlights || []).slice().sort((a, b) => a[0] - b[0])) {
    if (from < at || to > bytes.length || to <= from) continue;
    if (from > at) fragment.append(decode(at, from));
    fragment.append(el("mark", {}, decode(from, to)));
    at = to;
  }
  if (at < bytes.length) fragment.append(decode(at, bytes.length));
  return fragment;
}

/** GET a JSON endpoint; throws an Error carrying the server's message. */
async function fetchJson(url, signal) {
  const response = await fetch(url, {signal, headers: {Accept: "application/json"}});
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    signInAgainIf401(response);
    throw new Error((body && body.error) || ("HTTP " + response.status));
  }
  return body;
}

/** The stable anchor of a clause: its path (一、（二）3.) is unique within a document. */
function clauseAnchor(path) { return "clause-" + (path || "preamble"); }

function docUrl(id, clausePath) {
  return "/doc?id=" + encodeURIComponent(id) + (clausePath !== undefined ? "#" + encodeURIComponent(clauseAnchor(clausePath)) : "");
}

function fileUrl(id, page) { return "/file/" + encodeURIComponent(id) + (page ? "#page=" + page : ""); }

function joinList(value) {
  if (Array.isArray(value)) return value.filter(Boolean).join("、");
  return value === null || value === undefined ? "" : String(value);
}

/** A non-OK response to a fetch: on a shared server a lost session goes back to the sign-in page. */
function signInAgainIf401(response) {
  if (response.status === 401 && location.pathname !== "/login") location.assign("/login?next=" + encodeURIComponent(location.pathname + location.search));
}

let sessionPromise = null;
/** Who is signed in: {shared, user, role, can_edit, csrf_token}; fetched once per page. */
function currentSession() {
  if (!sessionPromise) sessionPromise = fetch("/api/session", {headers: {Accept: "application/json"}})
    .then((response) => response.ok ? response.json() : Promise.reject(new Error("HTTP " + response.status))).catch(() => ({shared: true, user: null, role: "viewer", can_edit: false, csrf_token: ""}));
  return sessionPromise;
}

/** POST a JSON body with the session's CSRF token; throws an Error carrying the server's message. */
async function postJson(url, body) {
  const session = await currentSession();
  const response = await fetch(url, {
    method: "POST",
    headers: {"Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": session.csrf_token || ""},
    body: JSON.stringify(body),
  });
  let answer = null;
  try { answer = await response.json(); } catch (_) { answer = null; }
  if (!response.ok) {
    signInAgainIf401(response);
    throw new Error((answer && answer.error) || ("HTTP " + response.status));
  }
  return answer;
}

/** On a shared server: the signed-in user and a sign-out button in the header. */
async function showSignedInUser() {
  const nav = document.querySelector("header.site nav");
  if (!nav) return;
  const session = await currentSession();
  if (!session.shared || !session.user) return;
  const logout = el("button", {type: "button", class: "linklike", id: "logout"}, "退出");
  logout.addEventListener("click", async () => {
    try { await postJson("/api/logout", {}); } finally { location.assign("/login"); }
  });
  nav.append(el("span", {class: "who", id: "who"}, session.user + "（" + (session.role === "editor" ? "编辑" : "只读") + "）"), logout);
}

const TASK_STATE_LABELS = {open: "未完成", in_progress: "进行中", done: "已完成", cancelled: "已取消"};

/** A task's history as a list: when, what, who, note. */
function historyList(history) {
  if (!history || history.length === 0) return el("p", {class: "meta"}, "尚无变更记录");
  return el("ol", {class: "history"}, ...history.map((change) => el("li", {},
    change.changed_at.replace("T", " ").replace("Z", " UTC") + " — " + (TASK_STATE_LABELS[change.status] || change.status) +
    (change.done_on ? "（" + change.done_on + "）" : "") + " — " + change.changed_by + (change.note ? " — " + change.note : ""))));
}

/**
 * The controls of one task: mark done / undo with an optional note, and its history on demand.
 * `onChange(task)` gets the task's new state from the server. Viewers get the history only.
 */
function taskControls(taskId, state, session, onChange) {
  const box = el("div", {class: "task-controls", "data-task-id": taskId});
  if (session.can_edit) {
    const note = el("input", {type: "text", class: "note", maxlength: "500", placeholder: "备注（可选）", "aria-label": "备注"});
    const done = state === "done";
    const button = el("button", {type: "button", class: done ? "undo" : "mark-done"}, done ? "撤销完成" : "标记完成");
    const message = el("span", {class: "meta", role: "status"});
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const body = {action: done ? "reopen" : "done"};
        if (note.value.trim()) body.note = note.value.trim();
        onChange(await postJson("/api/tasks/" + encodeURIComponent(taskId), body));
      } catch (error) {
        message.replaceChildren(el("span", {class: "error"}, "保存失败：" + error.message));
        button.disabled = false;
      }
    });
    box.append(note, button, message);
  }
  const details = el("details", {class: "task-history"}, el("summary", {}, "变更记录"));
  details.addEventListener("toggle", async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = "1";
    try {
      const task = await fetchJson("/api/tasks/" + encodeURIComponent(taskId));
      details.append(historyList(task.history));
    } catch (error) {
      details.append(el("p", {class: "error"}, error.message));
    }
  });
  box.append(details);
  return box;
}

document.addEventListener("DOMContentLoaded", showSignedInUser);
