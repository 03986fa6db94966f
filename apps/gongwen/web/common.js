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
  if (!response.ok) throw new Error((body && body.error) || ("HTTP " + response.status));
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
