/* The page: start a report, edit it in the form or as YAML, see its problems while typing, preview,
   save and download; batch. Every check goes to the server (POST /api/check), which answers with
   the CLI's own diagnostics. Plain JavaScript, nothing loaded from elsewhere. */
"use strict";

const $ = (sel) => document.querySelector(sel);
const CHECK_DELAY = 250; // ms after the last keystroke
const EDIT_DELAY = 300;

const doc = {
  text: "", name: "", path: null, mtime: null, dirty: false,
  data: null, diagnostics: [], checked: "", previewed: null,
};
let meta = {};
let tab = "form";

// ---- talking to the server ------------------------------------------------------------------

async function api(url, body, { raw = false } = {}) {
  const options = body instanceof FormData ? { method: "POST", body }
    : body !== undefined ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }
    : {};
  const response = await fetch(url, options);
  if (raw && response.ok) return response;
  let answer;
  try { answer = await response.json(); } catch (e) { answer = { ok: false, diagnostics: [{ text: `服务器没有正常回答（${response.status}）` }] }; }
  if (!response.ok) {
    const error = new Error((answer.diagnostics || []).map((d) => d.text).join("\n") || `出错了（${response.status}）`);
    error.answer = answer;
    throw error;
  }
  return answer;
}

function docBody(extra) { return { text: doc.text, name: doc.name, path: doc.path, planned: doc.path ? null : doc.planned, ...extra }; }

function toast(message, bad = false) {
  const t = $("#toast");
  t.textContent = message;
  t.className = bad ? "bad" : "";
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, bad ? 8000 : 3500);
}

// ---- screens --------------------------------------------------------------------------------

function show(screen) {
  for (const s of ["home", "editor", "batch"]) $("#" + s).hidden = s !== screen;
  $("#doc-actions").hidden = screen !== "editor";
  if (screen !== "editor") $("#docname").textContent = screen === "batch" ? "批量生成" : "";
}

function showTab(name) {
  tab = name;
  document.querySelectorAll(".tabs button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.tab === name)));
  for (const p of ["form", "yaml", "preview"]) $("#pane-" + p).hidden = p !== name;
  if (name === "form") renderForm();
  if (name === "yaml") { $("#yaml").value = doc.text; paintLines(); }
  if (name === "preview" && doc.previewed !== doc.text) refreshPreview();
}

function setName() {
  const n = $("#docname");
  n.replaceChildren(doc.path || doc.name);
  if (doc.dirty) { const d = document.createElement("span"); d.className = "dirty"; d.textContent = "● 未保存"; n.append(d); }
  $("#b-save").textContent = doc.path ? "保存" : meta.folder ? "保存到文件夹…" : "下载 YAML";
}

function openDoc({ text, name, path = null, mtime = null, notes = [], notes_title = "导入说明", planned = false }, fresh = false) {
  // planned: a new file's name is its path in the folder, where it will be saved
  Object.assign(doc, { text, name: name || "新报告.yaml", path, mtime, dirty: fresh, data: null, diagnostics: [], previewed: null, planned: planned ? name : null });
  show("editor");
  setName();
  const box = $("#notes");
  box.replaceChildren();
  box.hidden = !notes.length;
  if (notes.length) {
    const h = document.createElement("strong");
    h.textContent = `${notes_title}（${notes.length} 条）`;
    const ul = document.createElement("ul");
    for (const n of notes) { const li = document.createElement("li"); li.textContent = n; ul.append(li); }
    box.append(h, ul);
  }
  $("#preview").replaceChildren();
  check().then(() => showTab("form"));
}

// ---- checking -------------------------------------------------------------------------------

let checkTimer = null;
let checking = null;

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_DELAY);
}

async function check() {
  const text = doc.text;
  const started = performance.now();
  const answer = await api("/api/check", docBody());
  if (doc.text !== text) return; // typed on since: the next check will come
  accept(answer, performance.now() - started);
}

function accept(answer, roundTrip) {
  const formWasBroken = !doc.data;
  doc.data = answer.data;
  doc.diagnostics = answer.diagnostics || [];
  doc.checked = doc.text;
  showIssues(answer, roundTrip);
  if (tab === "yaml") paintLines();
  if (tab === "form") {
    if (formWasBroken && doc.data) renderForm();
    else ReportForm.mark($("#pane-form"), doc.diagnostics);
  }
}

function showIssues(answer, roundTrip) {
  const status = $("#status");
  const errors = answer.errors || 0, warnings = answer.warnings || 0;
  status.className = "status " + (errors ? "bad" : warnings ? "warn" : "ok");
  status.replaceChildren(errors ? `✗ 发现 ${errors} 处问题` : "✓ 格式正确，可以生成");
  const sub = document.createElement("span");
  sub.className = "sub";
  sub.textContent = errors ? "改正后才能生成。点下面的问题可以跳到那里。" + (warnings ? `另有 ${warnings} 处提示。` : "")
    : warnings ? `有 ${warnings} 处提示，请核对（不影响生成）。` : "没有发现问题。";
  status.append(sub);
  const list = $("#issue-list");
  list.replaceChildren();
  for (const d of doc.diagnostics) {
    const li = document.createElement("li");
    li.className = d.severity;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = (d.severity === "error" ? "✗ 问题" : "⚠ 提示") + (d.line ? ` · 第 ${d.line} 行` : "") + (d.label ? ` · ${d.label}` : "");
    li.append(where, d.text);
    li.addEventListener("click", () => jumpTo(d));
    list.append(li);
  }
  $("#timing").textContent = `检查用时：服务器 ${answer.server_ms} 毫秒` + (roundTrip ? `，往返 ${Math.round(roundTrip)} 毫秒` : "");
  window.lastRoundTrip = roundTrip;
}

function jumpTo(d) {
  if (tab === "yaml" || !d.path && d.path !== "") {
    if (tab !== "yaml") showTab("yaml");
    if (d.line) selectLine(d.line, d.column);
    return;
  }
  if (tab !== "form") showTab("form");
  const f = ReportForm.find($("#pane-form"), d.path);
  if (f) {
    f.scrollIntoView({ block: "center", behavior: "smooth" });
    const input = f.querySelector("textarea:not([disabled]), input[type=text], select");
    if (input) setTimeout(() => input.focus({ preventScroll: true }), 300);
  }
}

// ---- the form -------------------------------------------------------------------------------

let pending = [];
let editTimer = null;
let editing = false;

const formCtx = {
  text(path, value, order, required) {
    if (value === "" && !required) return this.clear(path, order, required);
    queue({ op: "set", path, value, order: order || undefined });
  },
  raw(path, value, order, required) {
    if (value.trim() === "" && !required) return this.clear(path, order, required);
    queue({ op: "set", path, raw: value, order: order || undefined });
  },
  set(path, value, order, structural) { queue({ op: "set", path, value, order: order || undefined }, structural); },
  clear(path, order, required) {
    if (required) queue({ op: "set", path, value: "", order: order || undefined });
    else if (exists(path)) queue({ op: "delete", path });
  },
  insert(path, index, value, order) { queue({ op: "insert", path: [...path, index], value }, true); },
  remove(path) { queue({ op: "delete", path }, true); },
  move(path, to) {
    const from = path[path.length - 1];
    queue({ op: "move", path, to }, true);
    void from;
  },
};

function exists(path) {
  let v = doc.data;
  for (const p of path) { if (v === null || typeof v !== "object" || !(p in v)) return false; v = v[p]; }
  return true;
}

function applyLocally(edit) {
  // keep doc.data in step for what the form shows until the server answers
  if (edit.op !== "set" && edit.op !== "delete") return;
  let v = doc.data;
  const path = edit.path;
  for (let i = 0; i < path.length - 1; i++) {
    if (v === null || typeof v !== "object") return;
    if (!(path[i] in v) || v[path[i]] === null) v[path[i]] = typeof path[i + 1] === "number" ? [] : {};
    v = v[path[i]];
  }
  const last = path[path.length - 1];
  if (v === null || typeof v !== "object") return;
  if (edit.op === "delete") { if (Array.isArray(v)) v.splice(last, 1); else delete v[last]; }
  else v[last] = "raw" in edit ? edit.raw : edit.value;
}

function queue(edit, structural = false) {
  const key = JSON.stringify(edit.path);
  if (!structural && edit.op === "set") pending = pending.filter((e) => !(e.op === "set" && JSON.stringify(e.path) === key && !e.structural));
  pending.push({ ...edit, structural });
  applyLocally(edit);
  markDirty();
  clearTimeout(editTimer);
  editTimer = setTimeout(flush, structural ? 0 : EDIT_DELAY);
}

async function flush() {
  if (editing || !pending.length) return;
  editing = true;
  const edits = pending;
  pending = [];
  const structural = edits.some((e) => e.structural);
  const started = performance.now();
  try {
    const answer = await api("/api/edit", docBody({ edits: edits.map(({ structural, ...e }) => e) }));
    if (answer.stale) toast("表单与文本不一致，已按文本重新显示。");
    else doc.text = answer.text;
    accept(answer, performance.now() - started);
    if (structural || answer.stale) { if (!pending.length) renderForm(true); }
  } catch (e) {
    toast(e.message, true);
  } finally {
    editing = false;
    if (pending.length) setTimeout(flush, 0);
  }
}

function renderForm(keepScroll = false) {
  const pane = $("#pane-form");
  const top = pane.scrollTop;
  if (doc.data === null || doc.data === undefined) {
    pane.replaceChildren();
    const p = document.createElement("p");
    p.className = "notice";
    p.textContent = "YAML 文本有格式错误，表单暂时无法显示。请在“YAML 文本”中改正红色标出的行（右侧列出了问题）。";
    const b = document.createElement("button");
    b.textContent = "去改正";
    b.addEventListener("click", () => showTab("yaml"));
    pane.append(p, b);
    return;
  }
  ReportForm.render(pane, doc.data, formCtx);
  ReportForm.mark(pane, doc.diagnostics);
  if (keepScroll) pane.scrollTop = top;
}

// ---- the YAML view --------------------------------------------------------------------------

function paintLines() {
  const back = $("#code-back");
  const lines = doc.text.split("\n");
  const marks = new Map();
  for (const d of doc.diagnostics) {
    if (!d.line || (d.file && d.file !== (doc.path || doc.name))) continue;
    if (marks.get(d.line) !== "error") marks.set(d.line, d.severity);
  }
  const frag = document.createDocumentFragment();
  lines.forEach((line, i) => {
    const div = document.createElement("div");
    div.textContent = line || "\u200b";
    const m = marks.get(i + 1);
    if (m) div.className = m;
    frag.append(div);
  });
  back.replaceChildren(frag);
  syncScroll();
  noteLine();
}

function syncScroll() {
  const t = $("#yaml");
  const back = $("#code-back");
  back.style.width = t.clientWidth + "px";
  back.style.transform = `translateY(${-t.scrollTop}px)`;
}

function caretLine() {
  const t = $("#yaml");
  return t.value.slice(0, t.selectionStart).split("\n").length;
}

function noteLine() {
  const line = caretLine();
  const here = doc.diagnostics.filter((d) => d.line === line && (!d.file || d.file === (doc.path || doc.name)));
  const note = $("#line-note");
  note.replaceChildren();
  for (const d of here) {
    const m = document.createElement("div");
    m.className = "msg " + d.severity;
    m.textContent = d.text;
    note.append(m);
  }
  document.querySelectorAll(".code-back > div.current").forEach((d) => d.classList.remove("current"));
  const cur = $("#code-back").children[line - 1];
  if (cur) cur.classList.add("current");
}

function selectLine(line, column) {
  const t = $("#yaml");
  const lines = t.value.split("\n");
  let pos = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
  pos += Math.max(0, (column || 1) - 1);
  t.focus();
  t.setSelectionRange(pos, pos);
  const row = $("#code-back").children[line - 1];
  if (row) t.scrollTop = Math.max(0, row.offsetTop - t.clientHeight / 3);
  syncScroll();
  noteLine();
}

function onYamlInput() {
  doc.text = $("#yaml").value;
  markDirty();
  paintLines();
  scheduleCheck();
}

function markDirty() {
  if (!doc.dirty) { doc.dirty = true; setName(); }
}

// ---- preview --------------------------------------------------------------------------------

let previewMode = null;

function previewModes() {
  const box = $("#preview-modes");
  box.replaceChildren();
  if (!meta.pdf) { previewMode = "html"; box.textContent = "预览（近似效果；安装 LibreOffice 后可看打印效果）"; return; }
  previewMode = previewMode || "pdf";
  const seg = document.createElement("span");
  seg.className = "seg";
  for (const [mode, label] of [["pdf", "打印效果（PDF）"], ["html", "快速预览"]]) {
    const b = document.createElement("button");
    b.textContent = label;
    b.setAttribute("aria-pressed", String(previewMode === mode));
    b.addEventListener("click", () => { previewMode = mode; previewModes(); refreshPreview(); });
    seg.append(b);
  }
  box.append(seg);
}

async function refreshPreview() {
  const box = $("#preview");
  const status = $("#preview-status");
  if (!doc.text) return;
  doc.previewed = doc.text;
  status.textContent = previewMode === "pdf" ? "正在用 LibreOffice 排版，约需几秒…" : "正在生成预览…";
  try {
    const answer = await api("/api/preview", docBody({ mode: previewMode }));
    box.replaceChildren();
    if (answer.mode === "html") {
      const style = document.createElement("style");
      style.textContent = answer.css;
      const holder = document.createElement("div");
      holder.innerHTML = answer.html; // built on the server from escaped text
      box.append(style, holder.firstElementChild);
    } else if (answer.pages.length) {
      answer.pages.forEach((src, i) => {
        const img = document.createElement("img");
        img.src = src;
        img.alt = `第 ${i + 1} 页`;
        box.append(img);
      });
    } else {
      const frame = document.createElement("iframe");
      frame.src = answer.pdf;
      frame.title = "PDF 预览";
      box.append(frame);
    }
    status.textContent = answer.mode === "pdf" ? `共 ${answer.pages.length} 页` : "";
  } catch (e) {
    doc.previewed = null;
    box.replaceChildren();
    const p = document.createElement("div");
    p.className = "notice";
    p.textContent = "还不能预览：\n" + e.message;
    p.style.whiteSpace = "pre-wrap";
    box.append(p);
    status.textContent = "";
  }
}

// ---- saving and downloads -------------------------------------------------------------------

function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

const stem = () => (doc.path || doc.name).split("/").pop().replace(/\.(ya?ml|txt)$/i, "") || "报告";

async function downloadRendered(kind) {
  await flushNow();
  const button = $("#b-" + kind);
  const label = button.textContent;
  button.disabled = true;
  button.textContent = kind === "pdf" ? "正在生成 PDF…" : "正在生成…";
  try {
    const response = await api("/api/" + kind, docBody(), { raw: true });
    download(await response.blob(), `${stem()}.${kind}`);
    toast(`已生成 ${stem()}.${kind}`);
  } catch (e) {
    toast("不能生成：\n" + e.message, true);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

async function flushNow() {
  clearTimeout(editTimer);
  while (pending.length || editing) {
    if (!editing) await flush();
    else await new Promise((r) => setTimeout(r, 30));
  }
}

async function save() {
  await flushNow();
  if (!doc.path && !meta.folder) { downloadYaml(); return; }
  let path = doc.path, isNew = false;
  if (!path) {
    const name = prompt("保存到工作文件夹中，文件名：", doc.name.endsWith(".yaml") ? doc.name : doc.name + ".yaml");
    if (!name) return;
    path = /\.ya?ml$/i.test(name) ? name : name + ".yaml";
    isNew = true;
  }
  try {
    const answer = await api("/api/save", { text: doc.text, path, mtime: doc.mtime, new: isNew });
    Object.assign(doc, { path: answer.path, mtime: answer.mtime, dirty: false, name: answer.path.split("/").pop() });
    setName();
    toast(`已保存 ${answer.path}`);
  } catch (e) {
    toast("没有保存：\n" + e.message, true);
  }
}

function downloadYaml() {
  download(new Blob([doc.text], { type: "text/yaml;charset=utf-8" }), `${stem()}.yaml`);
  if (!doc.path) { doc.dirty = false; setName(); }
}

// ---- home -----------------------------------------------------------------------------------

async function loadFiles() {
  if (!meta.folder) return;
  $("#card-folder").hidden = false;
  $("#folder-name").textContent = "工作文件夹：" + meta.folder;
  const { files } = await api("/api/files");
  listForRollover(files);
  const list = $("#file-list");
  const filter = $("#file-filter").value.trim();
  list.replaceChildren();
  for (const f of files.filter((f) => !filter || f.path.includes(filter))) {
    const li = document.createElement("li");
    if (f.defaults) li.className = "defaults";
    const b = document.createElement("button");
    b.textContent = f.path + (f.defaults ? "（默认值文件）" : "");
    b.addEventListener("click", () => openPath(f.path));
    li.append(b);
    list.append(li);
  }
  if (!files.length) list.innerHTML = "<li class='muted' style='padding:0.5em'>文件夹中还没有 .yaml 文件</li>";
}

function listForRollover(files) {
  const pick = $("#rollover-pick");
  const chosen = pick.value;
  pick.replaceChildren();
  for (const f of files.filter((f) => !f.defaults)) {
    const o = document.createElement("option");
    o.value = o.textContent = f.path;
    pick.append(o);
  }
  if (chosen) pick.value = chosen;
  $("#rollover-folder").hidden = !pick.options.length;
}

// Next year's file from last year's (as reportgen new --from): opened as a new, unsaved file.
async function rollOver(source) {
  const year = $("#rollover-year").value.trim();
  try { openDoc(await api("/api/rollover", { ...source, year: year || null }), true); } catch (e) { toast("不能生成：\n" + e.message, true); }
}

async function rollOverUpload(input) {
  const file = input.files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file);
  try { const { text, name } = await api("/api/upload", form); await rollOver({ text, name }); } catch (e) { toast(e.message, true); }
  input.value = "";
}

async function nextYear() {
  await flushNow();
  const year = doc.data && Number.isInteger(doc.data.year) ? String(doc.data.year + 1) : "";
  const answer = prompt("新文件的年度：", year);
  if (answer === null || !leaveEditor()) return;
  try {
    openDoc(await api("/api/rollover", { text: doc.text, name: doc.path || doc.name, in_folder: Boolean(doc.path || doc.planned), year: answer.trim() || null }), true);
  } catch (e) { toast("不能生成：\n" + e.message, true); }
}

async function openPath(path) {
  try { openDoc(await api("/api/open", { path })); } catch (e) { toast(e.message, true); }
}

async function uploadYaml(input) {
  const file = input.files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file);
  try { openDoc(await api("/api/upload", form)); } catch (e) { toast(e.message, true); }
  input.value = "";
}

function leaveEditor() {
  if (doc.dirty && !confirm("还有没保存的修改，确定离开吗？")) return false;
  doc.dirty = false;
  return true;
}

async function newReport(kind) {
  try { openDoc(await api("/api/new", { kind }), true); } catch (e) { toast(e.message, true); }
}

async function importDocument(input) {
  const file = input.files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file);
  toast(/\.(doc|wps|odt)$/i.test(file.name) ? "正在用 LibreOffice 转换并导入，约需几秒…" : "正在导入…");
  try { openDoc(await api("/api/import", form), true); } catch (e) { toast("不能导入：\n" + e.message, true); }
  input.value = "";
}

function showKinds() {
  const box = $("#kinds");
  const about = {
    rectification: "按督导反馈的问题逐条写整改措施",
    self_assessment: "履行教育职责的自查或自评",
    general: "工作总结、实施意见、情况报告、汇报等",
  };
  for (const [kind, title] of Object.entries(meta.kinds)) {
    const b = document.createElement("button");
    b.dataset.kind = kind;
    b.append(title);
    const small = document.createElement("small");
    small.textContent = about[kind] || kind;
    b.append(small);
    b.addEventListener("click", () => newReport(kind));
    box.append(b);
  }
  $("#card-new").hidden = false;
  $("#card-import").hidden = false;
}

// ---- batch ----------------------------------------------------------------------------------

function showPicked(input) {
  const shown = document.querySelector(`.picked[data-for="${input.name}"]`);
  const names = [...input.files].map((f) => f.name);
  shown.textContent = !names.length ? (input.name === "files" ? "还没有选择" : "不用")
    : names.length > 3 ? `已选 ${names.length} 个文件：${names.slice(0, 3).join("、")} 等` : `已选：${names.join("、")}`;
}

async function runBatch(event) {
  event.preventDefault();
  if (!$("#batch-form input[name=files]").files.length) { toast("请先选择各区县的报告文件", true); return; }
  const form = new FormData($("#batch-form"));
  for (const key of ["defaults", "figures"]) if (form.get(key) && !form.get(key).name) form.delete(key);
  $("#batch-result").replaceChildren();
  $("#batch-progress").hidden = false;
  $("#batch-stage").textContent = "正在上传…";
  $("#batch-bar").removeAttribute("value");
  let job;
  try { ({ job } = await api("/api/batch", form)); } catch (e) { $("#batch-progress").hidden = true; toast(e.message, true); return; }
  for (;;) {
    const state = await api(`/api/batch/${job}`);
    if (state.finished) { showBatch(job, state); break; }
    $("#batch-stage").textContent = state.total ? `${state.stage}：${state.done} / ${state.total}` : `${state.stage}…`;
    if (state.total) { $("#batch-bar").max = state.total; $("#batch-bar").value = state.done; }
    await new Promise((r) => setTimeout(r, 400));
  }
}

function showBatch(job, state) {
  $("#batch-progress").hidden = true;
  const box = $("#batch-result");
  box.replaceChildren();
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
  if (state.problems && state.problems.length) {
    box.append(el("div", "没有生成：\n" + state.problems.join("\n"), "notice"));
  } else {
    const written = state.written || [];
    const failed = state.failed || [];
    const status = el("div", "", "status " + (failed.length ? "bad" : state.warnings ? "warn" : "ok"));
    status.append(`已生成 ${written.length} 份报告` + (failed.length ? `，${failed.length} 个文件出错` : ""));
    status.append(el("span", (state.warnings ? `另有 ${state.warnings} 处提示，见清单 manifest.csv 的“警告”和“说明”列。` : "") + "报告、清单 manifest.csv 和汇总表 汇总.xlsx 都在下载的压缩包中。", "sub"));
    box.append(status);
    const a = el("a", "下载全部结果（.zip）", "button primary");
    a.href = `/api/batch/${job}/zip`;
    a.setAttribute("download", "批量生成结果.zip");
    a.id = "batch-download";
    box.append(el("p"), a);
    for (const f of failed) box.append(el("div", `✗ ${f.file}\n` + f.problems.join("\n"), "notice"));
    if (written.length) {
      box.append(el("h3", "生成的报告"));
      const ul = el("ul", "", "files");
      for (const w of written) ul.append(el("li", w));
      box.append(ul);
    }
    for (const n of state.notes || []) box.append(el("p", n, "muted"));
  }
  for (const n of state.left_out || []) box.append(el("p", "没有读取：" + n, "muted"));
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  meta = await api("/api/meta");
  ReportForm.setSchema(await api("/api/schema"));
  previewModes();
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  $("#b-home").addEventListener("click", () => { if (leaveEditor()) { show("home"); loadFiles(); } });
  $("#b-save").addEventListener("click", save);
  $("#b-docx").addEventListener("click", () => downloadRendered("docx"));
  $("#b-pdf").addEventListener("click", () => downloadRendered("pdf"));
  $("#b-pdf").hidden = !meta.pdf;
  $("#batch-pdf").hidden = !meta.pdf;
  $("#b-yaml").addEventListener("click", async () => { await flushNow(); downloadYaml(); });
  $("#b-refresh").addEventListener("click", refreshPreview);
  $("#b-batch").addEventListener("click", () => show("batch"));
  $("#batch-form").addEventListener("submit", runBatch);
  document.querySelectorAll("#batch-form input[type=file]").forEach((i) => i.addEventListener("change", () => showPicked(i)));
  $("#upload-yaml").addEventListener("change", (e) => uploadYaml(e.target));
  $("#upload-import").addEventListener("change", (e) => importDocument(e.target));
  $("#upload-rollover").addEventListener("change", (e) => rollOverUpload(e.target));
  $("#b-rollover").addEventListener("click", () => rollOver({ path: $("#rollover-pick").value }));
  $("#b-nextyear").addEventListener("click", nextYear);
  showKinds();
  $("#file-filter").addEventListener("input", loadFiles);
  const t = $("#yaml");
  t.addEventListener("input", onYamlInput);
  t.addEventListener("scroll", syncScroll);
  t.addEventListener("keyup", noteLine);
  t.addEventListener("keydown", (e) => {
    // YAML indents with spaces: Tab puts two in, as an editor for YAML would
    if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      document.execCommand("insertText", false, "  ");
    }
  });
  t.addEventListener("click", noteLine);
  window.addEventListener("resize", () => { if (tab === "yaml") paintLines(); });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s" && !$("#editor").hidden) { e.preventDefault(); save(); }
  });
  window.addEventListener("beforeunload", (e) => { if (doc.dirty) { e.preventDefault(); e.returnValue = ""; } });
  show("home");
  await loadFiles();
  window.reportgenReady = true;
  if (meta.start) openPath(meta.start);
}

start().catch((e) => toast("页面启动失败：" + e.message, true));
