// The page: reads the files a person gives it and hands their bytes to the
// worker, which runs the crate; shows what comes back. Every word comes
// from the crate's catalogue (fi, sv, en); every rule, figure and report is
// the crate's. Nothing is sent anywhere: the Content-Security-Policy allows
// no connection but to this folder.

const worker = new Worker("worker.js", { type: "module" });
const pending = new Map();
let next = 0;

function request(kind, args = {}, onProgress = null, transfer = []) {
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, kind, args }, transfer);
  });
}

worker.onmessage = (event) => {
  const { id, progress, result, error } = event.data;
  const call = pending.get(id);
  if (!call) return;
  if (progress) {
    if (call.onProgress) call.onProgress(progress);
    return;
  }
  pending.delete(id);
  if (error !== undefined) call.reject(new Error(error));
  else call.resolve(result);
};

const $ = (id) => document.getElementById(id);
let words = {};
let lang = "fi";
let loaded = null;

function fill(text, ...args) {
  return text.replace(/\{(\d+)\}/g, (all, n) => (n < args.length ? String(args[n]) : all));
}

async function setLanguage(code) {
  lang = code;
  $("language").value = code;
  document.documentElement.lang = code;
  words = await request("phrases", { lang: code });
  for (const element of document.querySelectorAll("[data-phrase]")) {
    element.textContent = words[element.dataset.phrase];
  }
  document.title = words.WebTitle;
  if (loaded) {
    showProblems(loaded.validation);
    await showReport();
  }
}

function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const code = tag.slice(0, 2).toLowerCase();
    if (["fi", "sv", "en"].includes(code)) return code;
  }
  return "fi";
}

const DOCUMENT = /\.(json|jsonl|ndjson)$/i;

async function readAll(files) {
  // files: [{file, name, inFolder}]
  const read = [];
  for (const { file, name, inFolder } of files) {
    try {
      read.push({ name, inFolder, bytes: await file.arrayBuffer() });
    } catch (error) {
      say(fill(words.WebUnreadable, name, error.message));
    }
  }
  return read;
}

function say(text) {
  $("status").textContent = text;
}

async function load(files) {
  if (files.length === 0) return;
  const read = await readAll(files);
  // The bytes move to the worker rather than being copied.
  const transfer = read.map((file) => file.bytes);
  loaded = await request("load", { files: read }, ([done, all]) => say(fill(words.WebReading, done, all)), transfer);
  say("");
  $("clear").hidden = false;
  showProblems(loaded.validation);
  showDownloads();
  await showReport();
}

function severityWord(severity) {
  return severity === "error" ? words.WebError : words.WebWarning;
}

function place(diagnostic) {
  let where = diagnostic.file || diagnostic.document || "";
  if (diagnostic.line != null) where += `:${diagnostic.line}`;
  if (diagnostic.column != null) where += `:${diagnostic.column}`;
  if (diagnostic.pointer) where += ` ${diagnostic.pointer}`;
  return where;
}

function showProblems(validation) {
  $("problems").hidden = false;
  $("checked").textContent = fill(words.WebChecked, validation.documents, validation.errors, validation.warnings);
  const groups = $("groups");
  groups.replaceChildren();
  for (const group of validation.groups) {
    const box = document.createElement("section");
    box.className = `group ${group.severity}`;
    box.dataset.code = group.code;
    box.dataset.count = group.count;
    box.dataset.severity = group.severity;
    const heading = document.createElement("h3");
    const severity = document.createElement("span");
    severity.className = "severity";
    severity.textContent = severityWord(group.severity);
    const code = document.createElement("code");
    code.textContent = group.code;
    heading.append(severity, " ", code, ` — ${fill(words.WebTimes, group.count)}`);
    box.append(heading);
    if (group.checks) {
      const checks = document.createElement("p");
      checks.textContent = group.checks;
      box.append(checks);
    }
    const list = document.createElement("ul");
    for (const example of group.examples) {
      const item = document.createElement("li");
      item.className = "example";
      const at = document.createElement("code");
      at.textContent = place(example);
      item.append(at, `: ${example.message}`);
      list.append(item);
    }
    box.append(list);
    if (group.count > group.examples.length) {
      const more = document.createElement("button");
      more.type = "button";
      more.textContent = fill(words.WebMore, group.count - group.examples.length);
      more.addEventListener("click", () => download("problems", {}, "problems.csv", "text/csv"));
      box.append(more);
    }
    groups.append(box);
  }
}

async function download(kind, args, name, type) {
  const text = await request(kind, args);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function showDownloads() {
  $("downloads").hidden = false;
  const list = $("download-list");
  list.replaceChildren();
  const add = (text, kind, args, name, type) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.addEventListener("click", () => download(kind, { ...args, lang }, name, type));
    item.append(button);
    list.append(item);
  };
  add(words.WebAllProblems, "problems", {}, "problems.csv", "text/csv");
  add(words.WebReportHtml, "report", { format: "html" }, "report.html", "text/html");
  add(words.WebReportJson, "report", { format: "json" }, "report.json", "application/json");
  for (const table of loaded.tables) {
    add(fill(words.WebTable, table), "table", { table }, `${table}.csv`, "text/csv");
  }
}

let reportUrl = null;

async function showReport() {
  const html = await request("report", { format: "html", lang });
  $("report").hidden = false;
  if (reportUrl) URL.revokeObjectURL(reportUrl);
  reportUrl = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  $("report-frame").src = reportUrl;
  $("report-frame").title = words.WebReport;
}

function fromInput(input, inFolder) {
  const files = [...input.files]
    .filter((file) => !inFolder || DOCUMENT.test(file.name))
    .map((file) => ({ file, name: file.webkitRelativePath || file.name, inFolder }));
  input.value = "";
  return load(files).catch(showError);
}

function showError(error) {
  say(String(error.message || error));
}

async function entries(entry, inFolder, out) {
  if (entry.isFile) {
    if (!inFolder || DOCUMENT.test(entry.name)) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, name: entry.fullPath.replace(/^\//, ""), inFolder });
    }
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await entries(child, true, out);
    }
  }
}

function wire() {
  $("language").addEventListener("change", (event) => setLanguage(event.target.value).catch(showError));
  $("files").addEventListener("change", (event) => fromInput(event.target, false));
  $("folder").addEventListener("change", (event) => fromInput(event.target, true));
  $("clear").addEventListener("click", () => {
    loaded = null;
    for (const id of ["problems", "downloads", "report"]) $(id).hidden = true;
    $("clear").hidden = true;
    say("");
  });
  const drop = $("drop");
  drop.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      $("files").click();
    }
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const out = [];
    const items = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry());
    if (items.every(Boolean)) {
      for (const entry of items) await entries(entry, false, out);
    } else {
      for (const file of event.dataTransfer.files) out.push({ file, name: file.name, inFolder: false });
    }
    await load(out).catch(showError);
  });
}

wire();
setLanguage(browserLanguage()).catch(showError);
