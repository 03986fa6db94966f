// End-to-end test of a shared `gongwen serve` (bound to 0.0.0.0, so it asks for a login) in
// headless Chromium: an editor signs in, marks a task done with a note, reloads and still sees it
// done, with the editor's name in its history, on the board and the document page; a viewer sees
// no buttons and gets 403 from the API; a POST from a page of another origin is refused; ten wrong
// passwords lock an account. Screenshots go to --out. Exits non-zero on the first failed expectation.
//
//   node serve_login_e2e.mjs --gongwen build/bin/gongwen --config config/gongwen.toml \
//        --fixtures tests/fixtures --out build/tests/screenshots
import {spawn, spawnSync} from "node:child_process";
import {createServer} from "node:http";
import {mkdirSync, mkdtempSync, copyFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {createInterface} from "node:readline";
import {chromium} from "playwright-core";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 ? pairs : pairs.concat([[value.replace(/^--/, ""), all[i + 1]]])), []));
for (const required of ["gongwen", "config", "fixtures", "out"]) {
  if (!args[required]) throw new Error(`missing --${required}`);
}
const browserPath = args.chromium || process.env.GONGWEN_CHROMIUM || "/usr/bin/chromium";
const TODAY = "2023-06-20";

let failures = 0;
function check(condition, message) {
  if (condition) { console.log("ok   " + message); return; }
  failures++;
  console.log("FAIL " + message);
}

function gongwen(command, input) {
  const result = spawnSync(args.gongwen, ["--config", args.config, ...command], {encoding: "utf8", input});
  if (result.status !== 0) throw new Error(`gongwen ${command.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

const work = mkdtempSync(join(tmpdir(), "gongwen-browser-login-"));
const docs = join(work, "docs");
mkdirSync(docs);
copyFileSync(join(args.fixtures, "tables", "tsv_task_table.txt"), join(docs, "tsv_task_table.txt"));
const index = join(work, "index");
gongwen(["ingest", "--index", index, docs]);
const users = {wang: ["editor", "wang-secret-1"], li: ["viewer", "li-secret-1"], zhao: ["editor", "zhao-secret-1"]};
for (const [name, [role, password]] of Object.entries(users)) {
  gongwen(["user", "add", name, "--role", role, "--password-stdin", "--index", index], password + "\n");
}

// Bound to every address, reached at 127.0.0.1: the server decides "shared" from its address.
const server = spawn(args.gongwen, ["--config", args.config, "serve", "--index", index, "--host", "0.0.0.0", "--port", "0"],
                     {stdio: ["ignore", "pipe", "inherit"]});
const base = await new Promise((resolve, reject) => {
  createInterface({input: server.stdout}).once("line", (line) => {
    const match = line.match(/http:\/\/0\.0\.0\.0:(\d+)\//);
    match ? resolve("http://127.0.0.1:" + match[1]) : reject(new Error("serve printed: " + line));
  });
  server.once("exit", (code) => reject(new Error("serve exited with " + code)));
});
console.log("serving at " + base);

// A page of another origin (same host, another port) that tries to change a task.
const other = createServer((request, response) => {
  response.writeHead(200, {"Content-Type": "text/html; charset=utf-8"});
  response.end("<!DOCTYPE html><title>other</title><p>another site</p>");
});
await new Promise((resolve) => other.listen(0, "127.0.0.1", resolve));
const otherBase = "http://127.0.0.1:" + other.address().port;

mkdirSync(args.out, {recursive: true});
const browser = await chromium.launch({executablePath: browserPath, args: ["--no-sandbox", "--font-render-hinting=none"]});
const pageErrors = [];

async function newPage() {
  const context = await browser.newContext({viewport: {width: 1300, height: 900}, locale: "zh-CN"});
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

async function signIn(page, name, password) {
  await page.locator("#name").fill(name);
  await page.locator("#password").fill(password);
  await page.locator("#submit").click();
}

async function historyOf(page, id) {
  return page.evaluate(async (taskId) => (await (await fetch("/api/tasks/" + taskId)).json()).history, id);
}

try {
  // 1. The editor: sent to the sign-in page, back to the board after it.
  const editor = await newPage();
  await editor.goto(base + "/deadlines?today=" + TODAY);
  await editor.waitForURL(/\/login\?next=/);
  check(true, "the board redirects to the sign-in page");
  await editor.screenshot({path: join(args.out, "login.png"), fullPage: true});
  await signIn(editor, "wang", "wrong-password");
  await editor.locator("#status .error").waitFor();
  check((await editor.locator("#status").innerText()).includes("用户名或密码错误"), "a wrong password is refused on the page");
  await signIn(editor, "wang", users.wang[1]);
  await editor.waitForURL(/\/deadlines\?today=/);
  await editor.locator("#board tbody tr .mark-done").first().waitFor();
  check((await editor.locator("#who").innerText()).includes("wang"), "the header names the signed-in user");
  const row = editor.locator("#board tbody tr").first();
  const taskId = await row.locator(".task-controls").getAttribute("data-task-id");
  check(/^[0-9a-f]{12}$/.test(taskId), "the row carries its task id: " + taskId);

  // 2. Mark done with a note; reload: still done, with the note and the editor's name.
  const marked = editor.locator(`tr:has(.task-controls[data-task-id="${taskId}"])`);
  await marked.locator("input.note").fill("已报送市政府");
  await marked.locator(".mark-done").click();
  await editor.locator(`tr.done:has(.task-controls[data-task-id="${taskId}"])`).waitFor();
  await editor.reload();
  const after = editor.locator(`tr:has(.task-controls[data-task-id="${taskId}"])`);
  await after.waitFor();
  check(await after.getAttribute("class") === "done", "after a reload the task is still done");
  check((await after.locator("td.status-cell").innerText()).includes("已完成"), "the status cell says 已完成");
  check((await after.locator(".note-text").innerText()).includes("已报送市政府"), "the note is shown");
  check(await after.locator(".undo").count() === 1, "a done task offers undo");
  await after.locator("details.task-history summary").click();
  await after.locator("ol.history li").first().waitFor();
  const historyText = await after.locator("ol.history").innerText();
  check(historyText.includes("wang") && historyText.includes("已报送市政府"), "the history shows the change with the editor's name: " + historyText);
  await editor.screenshot({path: join(args.out, "deadlines-editor.png"), fullPage: true});

  // The status filter: only done tasks.
  await editor.locator("#status-filter").selectOption("done");
  await editor.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 1);
  check(await editor.locator("#board tbody tr.done").count() === 1, "filtering by 已完成 lists the one done task");

  // The document page: the same state, the name, and undo.
  const docLink = await after.locator("td.document a").getAttribute("href");
  await editor.goto(base + docLink);
  const docRow = editor.locator(`#tasks tbody tr:has(.task-controls[data-task-id="${taskId}"])`);
  await docRow.waitFor();
  check((await docRow.locator(".state").innerText()).includes("已完成"), "the document page shows the task done");
  check((await docRow.locator(".changed-by").innerText()).includes("wang"), "the document page names who changed it");
  await docRow.locator(".undo").click();
  await editor.waitForFunction((id) => {
    const cell = document.querySelector(`#tasks tr:has(.task-controls[data-task-id="${id}"]) .state`);
    return cell && cell.textContent.includes("未完成");
  }, taskId);
  check((await historyOf(editor, taskId)).length === 2, "undo on the document page is a second change in the history");
  await docRow.locator(".mark-done").click();
  await editor.waitForFunction((id) => {
    const cell = document.querySelector(`#tasks tr:has(.task-controls[data-task-id="${id}"]) .state`);
    return cell && cell.textContent.includes("已完成");
  }, taskId);
  await editor.screenshot({path: join(args.out, "document-tasks-editor.png"), fullPage: true});
  const changes = (await historyOf(editor, taskId)).length;
  check(changes === 3, "three changes recorded: " + changes);

  // 3. A request without the CSRF token, from the page itself: refused.
  const noToken = await editor.evaluate(async (id) => (await fetch("/api/tasks/" + id, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({action: "reopen"})})).status, taskId);
  check(noToken === 403, "a POST without the CSRF token gets 403: " + noToken);
  // A page of another origin posts to the server (the cookie goes along: same site, other port).
  const attacker = await editor.context().newPage();
  await attacker.goto(otherBase + "/");
  const crossSite = await attacker.evaluate(async ({target, id}) => {
    try {
      await fetch(target + "/api/tasks/" + id, {method: "POST", mode: "no-cors", credentials: "include",
                                                 headers: {"Content-Type": "text/plain"}, body: JSON.stringify({action: "reopen"})});
      return "sent";
    } catch (error) {
      return "blocked: " + error.message;
    }
  }, {target: base, id: taskId});
  console.log("cross-origin POST: " + crossSite);
  check((await historyOf(editor, taskId)).length === changes, "a cross-origin POST changed nothing");
  await attacker.close();

  // 4. The viewer: no buttons, and the API refuses a write even with the page's token.
  const viewer = await newPage();
  await viewer.goto(base + "/login?next=" + encodeURIComponent("/deadlines?today=" + TODAY));
  await signIn(viewer, "li", users.li[1]);
  await viewer.waitForURL(/\/deadlines\?today=/);
  await viewer.locator("#board tbody tr .task-controls").first().waitFor();
  check(await viewer.locator(".mark-done, .undo, input.note").count() === 0, "a viewer sees no buttons");
  check((await viewer.locator("#who").innerText()).includes("只读"), "the header says read only");
  const viewerPost = await viewer.evaluate(async (id) => {
    const session = await (await fetch("/api/session")).json();
    const response = await fetch("/api/tasks/" + id, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": session.csrf_token},
                                                       body: JSON.stringify({action: "reopen"})});
    return {status: response.status, body: await response.json()};
  }, taskId);
  check(viewerPost.status === 403, "the viewer's POST gets 403: " + JSON.stringify(viewerPost));
  await viewer.screenshot({path: join(args.out, "deadlines-viewer.png"), fullPage: true});

  // 5. Ten wrong passwords lock the account, with a clear message; the right one is refused then.
  const locked = await newPage();
  await locked.goto(base + "/login");
  for (let attempt = 1; attempt <= 10; ++attempt) {
    // Listen before clicking: a quick answer would otherwise come before the wait and be missed.
    const answered = locked.waitForResponse((response) => response.url().endsWith("/api/login"));
    await signIn(locked, "zhao", "wrong-" + attempt);
    await answered;
    await locked.locator("#status .error").waitFor();
  }
  await locked.waitForFunction(() => document.querySelector("#status").textContent.includes("账户已锁定"));
  check(true, "the tenth wrong password locks the account");
  const refused = locked.waitForResponse((response) => response.url().endsWith("/api/login"));
  await signIn(locked, "zhao", users.zhao[1]);
  await refused;
  await locked.waitForFunction(() => document.querySelector("#status").textContent.includes("gongwen user unlock zhao"));
  check(new URL(locked.url()).pathname === "/login", "the right password is refused while locked");
  await locked.screenshot({path: join(args.out, "login-locked.png"), fullPage: true});

  // 6. Sign out: the page is closed again.
  await editor.goto(base + "/");
  await editor.locator("#logout").click();
  await editor.waitForURL(/\/login/);
  await editor.goto(base + "/deadlines");
  await editor.waitForURL(/\/login\?next=/);
  check(true, "after signing out the board asks for a login again");

  check(pageErrors.length === 0, "no script error: " + pageErrors.join(" "));
} finally {
  await browser.close();
  other.close();
  server.kill("SIGTERM");
  rmSync(work, {recursive: true, force: true});
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed; screenshots in " + args.out);
process.exit(failures ? 1 : 0);
