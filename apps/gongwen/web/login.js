// The sign-in page of a shared server: POST /api/login, then back to the page that sent us here.
"use strict";

const form = document.getElementById("login");
const statusLine = document.getElementById("status");

// Only a path of this server: never an address elsewhere (an open redirect).
function nextPage() {
  const next = new URLSearchParams(location.search).get("next") || "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  statusLine.textContent = "正在登录…";
  try {
    const response = await fetch("/api/login", {
      method: "POST",
      headers: {"Content-Type": "application/json", Accept: "application/json"},
      body: JSON.stringify({name: form.elements.name.value, password: form.elements.password.value}),
    });
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (!response.ok) {
      const message = (body && body.error) || ("HTTP " + response.status);
      statusLine.replaceChildren(el("span", {class: "error"},
        (response.status === 429 ? "账户已锁定：" : response.status === 401 ? "用户名或密码错误：" : "登录失败：") + message));
      form.elements.password.value = "";
      form.elements.password.focus();
      return;
    }
    location.assign(nextPage());
  } catch (error) {
    statusLine.replaceChildren(el("span", {class: "error"}, "登录失败：" + error.message));
  }
});
