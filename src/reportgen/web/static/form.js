/* The form, built from the JSON Schema the models export (GET /api/schema): every field with its
   Chinese name (title) and hint (description). Lists can be added to, removed from and reordered.
   The form does not keep the report: each change is an edit sent to the server, which applies it
   to the YAML text (keeping comments) and checks the result. */
"use strict";

const ReportForm = (() => {
  let defs = {};
  let root = null;

  function setSchema(schema) { defs = schema.$defs || {}; root = schema; }

  function resolve(s) {
    let guard = 0;
    while (s && s.$ref && guard++ < 20) s = defs[s.$ref.split("/").pop()];
    return s || {};
  }

  // The alternatives of a field, null left out; and whether null (leaving it out) is allowed.
  function alternatives(s) {
    s = resolve(s);
    const list = s.anyOf || s.oneOf;
    if (!list) return [s];
    let out = [];
    for (const a of list) out = out.concat(alternatives(a));
    return out.filter((a) => a.type !== "null");
  }
  const isFalse = (a) => a.const === false;
  const isObject = (a) => a.type === "object" || !!a.properties;

  function modelFor(kind) {
    const ref = root.discriminator && root.discriminator.mapping[kind];
    return ref ? resolve({ $ref: ref }) : null;
  }

  function dotted(path) {
    let out = "";
    for (const p of path) out += typeof p === "number" ? `[${p}]` : (out ? "." : "") + p;
    return out;
  }

  const BLOCKS = [
    ["paragraph", "段落", () => ""],
    ["heading", "标题", () => ({ title: "", body: [""] })],
    ["lead", "首句条目", () => ({ lead: "", text: [""] })],
    ["points", "分点段", () => ({ intro: "", points: [""] })],
    ["table", "表格", () => ({ table: { header: ["", ""], rows: [["", ""]] } })],
    ["figures", "数据表", () => ({ figures: [{ name: "", value: "" }] })],
  ];
  const BLOCK_MODEL = { heading: "Heading", lead: "Lead", points: "PointsBlock", table: "TableBlock", figures: "FiguresBlock" };
  function blockKind(v) {
    if (typeof v === "string" || typeof v === "number") return "paragraph";
    if (!v || typeof v !== "object" || Array.isArray(v)) return null;
    for (const [key, kind] of [["title", "heading"], ["lead", "lead"], ["numbered", "lead"], ["table", "table"], ["figures", "figures"], ["points", "points"], ["intro", "points"]]) {
      if (key in v) return kind;
    }
    return null;
  }
  const isBlockList = (s) => !!(s.items && s.items.oneOf && s.items.oneOf.length >= 5);

  // A new, empty value for a schema: what the clerk fills in (required text left empty, so
  // the check says where to write).
  function blank(s) {
    const alts = alternatives(s);
    const a = alts.find((x) => !isFalse(x)) || alts[0];
    if (!a) return "";
    if (isObject(a)) {
      const out = {};
      const keys = a.required && a.required.length ? a.required : Object.keys(a.properties || {}).slice(0, 1);
      for (const key of keys) out[key] = blank(a.properties[key]);
      return out;
    }
    if (a.type === "array") return isBlockList(a) ? [""] : (a.items && resolve(a.items).type === "array" ? [[""]] : [blank(a.items)]);
    if (a.type === "boolean") return false;
    if (a.enum) return a.enum[0];
    return "";
  }

  class Builder {
    constructor(ctx) { this.ctx = ctx; }

    el(tag, attrs, ...children) {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) {
        if (k === "class") e.className = v;
        else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
      }
      for (const c of children) if (c !== null && c !== undefined) e.append(c);
      return e;
    }

    label(s, key) {
      const title = s.title || key;
      return this.el("span", {}, title, key ? this.el("span", { class: "key" }, String(key)) : null);
    }

    hint(s) {
      const parts = [];
      if (s.description) parts.push(s.description);
      if (s.examples && s.examples.length && typeof s.examples[0] !== "object") parts.push("例：" + s.examples[0]);
      return parts.length ? this.el("span", { class: "hint" }, parts.join("　")) : null;
    }

    tools(path, index, count) {
      const t = this.el("span", { class: "item-tools" });
      t.append(
        this.el("button", { type: "button", title: "上移", "aria-label": "上移", disabled: index === 0, onclick: () => this.ctx.move(path, index - 1) }, "↑"),
        this.el("button", { type: "button", title: "下移", "aria-label": "下移", disabled: index === count - 1, onclick: () => this.ctx.move(path, index + 1) }, "↓"),
        this.el("button", { type: "button", class: "del", title: "删除这一项", "aria-label": "删除", onclick: () => this.ctx.remove(path) }, "删除"),
      );
      return t;
    }

    // A whole object: its fields that are written or required, then buttons for the others.
    object(s, value, path, order) {
      const box = this.el("div", { class: "fields" });
      const props = s.properties || {};
      const keys = Object.keys(props);
      const required = new Set(s.required || []);
      const missing = [];
      for (const key of keys) {
        const fs = props[key];
        const present = value && typeof value === "object" && key in value;
        if (resolve(fs).const !== undefined && key === "kind") continue;
        if (present || required.has(key)) box.append(this.field(fs, present ? value[key] : undefined, [...path, key], key, keys, required.has(key)));
        else missing.push(key);
      }
      // keys the schema does not know (a misspelt field): shown so the problem can be found
      if (value && typeof value === "object") {
        for (const key of Object.keys(value)) {
          if (!(key in props)) box.append(this.unknown(value[key], [...path, key], key));
        }
      }
      if (missing.length) {
        const add = this.el("div", { class: "adders" }, this.el("span", { class: "label" }, "可以添加："));
        for (const key of missing) {
          const fs = props[key];
          add.append(this.el("button", { type: "button", title: fs.description || "", onclick: () => this.ctx.set([...path, key], blank(fs), keys, true) }, "＋ " + (fs.title || key)));
        }
        box.append(add);
      }
      return box;
    }

    unknown(value, path, key) {
      const f = this.el("div", { class: "field", "data-path": dotted(path) });
      f.append(this.el("div", { class: "label" }, `${key}（未知字段）`,
        this.el("button", { type: "button", class: "del", onclick: () => this.ctx.remove(path) }, "删除")));
      f.append(this.el("div", { class: "msgs" }));
      return f;
    }

    // One field: its label, hint, the control for its kind of value, and its messages.
    field(s, value, path, key, order, required) {
      const alts = alternatives(s);
      const mayBeFalse = alts.some(isFalse);
      const main = alts.filter((a) => !isFalse(a));
      const title = resolve(s).title || (main[0] && main[0].title) || key;
      const info = { ...resolve(s), title };
      const objectAlt = main.find(isObject);
      const arrayAlt = main.find((a) => a.type === "array");
      if (objectAlt && value !== false) return this.group(info, objectAlt, value, path, key, order, required, mayBeFalse);
      if (arrayAlt && (value === undefined || value === null || Array.isArray(value) || (typeof value === "string" && arrayAlt.items && resolve(arrayAlt.items).type === "string"))) {
        return this.list(info, arrayAlt, value, path, key, order, required, mayBeFalse);
      }
      const f = this.el("div", { class: "field", "data-path": dotted(path) });
      const head = this.el("label", {}, this.label(info, key));
      f.append(head);
      const h = this.hint(info);
      if (h) head.append(h);
      f.append(this.scalar(main, value, path, order, required, mayBeFalse, head));
      f.append(this.el("div", { class: "msgs" }));
      return f;
    }

    scalar(alts, value, path, order, required, mayBeFalse, head) {
      const a = alts[0] || { type: "string" };
      const wrap = this.el("div", { class: "control" });
      const enumAlt = alts.find((x) => x.enum);
      const types = new Set(alts.map((x) => x.type));
      let control;
      if (enumAlt || (types.size === 1 && types.has("boolean"))) {
        const options = enumAlt ? enumAlt.enum : [true, false];
        control = this.el("select", { class: "short", "data-key": dotted(path) });
        control.append(this.el("option", { value: "" }, required ? "（请选择）" : "（不写，用默认）"));
        for (const o of options) {
          const text = o === true ? "是（true）" : o === false ? "否（false）" : String(o);
          control.append(this.el("option", { value: JSON.stringify(o), selected: value === o }, text));
        }
        control.addEventListener("change", () => {
          if (control.value === "") this.ctx.clear(path, order, required);
          else this.ctx.set(path, JSON.parse(control.value), order, true);
        });
      } else if (types.has("integer") || types.has("number") || a.format === "date") {
        // typed as the file would have it: 2021-04-01, 462083.30 keep their form
        control = this.el("input", { type: "text", class: "short", placeholder: a.format === "date" ? "如 2021-04-01" : "" });
        fill(control, value);
        control.addEventListener("input", () => this.ctx.raw(path, control.value, order, required));
      } else {
        control = this.el("textarea", { rows: 1 });
        fill(control, value);
        control.addEventListener("input", () => { grow(control); this.ctx.text(path, control.value, order, required); });
      }
      control.dataset.path = dotted(path);
      wrap.append(control);
      if (mayBeFalse) {
        const box = this.el("input", { type: "checkbox", checked: value === false });
        control.disabled = value === false;
        box.addEventListener("change", () => {
          control.disabled = box.checked;
          if (box.checked) this.ctx.set(path, false, order, true);
          else this.ctx.clear(path, order, required);
        });
        head.append(this.el("span", { class: "off" }, box, "不要（写 false）"));
      }
      return wrap;
    }

    // A mapping, or a list of mappings, in a box with a heading.
    // The box of a group or a list: its heading (with 删除 where it may be left out), hint and
    // messages; returns the box and its heading.
    box(cls, info, path, key, required) {
      const g = this.el("div", { class: cls, "data-path": dotted(path) });
      const legend = this.el("div", { class: "legend" }, this.label(info, key), this.el("span", { class: "grow" }));
      if (!required) legend.append(this.el("button", { type: "button", class: "del", title: "删去这一部分", onclick: () => this.ctx.remove(path) }, "删除"));
      g.append(legend);
      const h = this.hint(info);
      if (h) g.append(h);
      g.append(this.el("div", { class: "msgs" }));
      return [g, legend];
    }

    group(info, s, value, path, key, order, required, mayBeFalse) {
      const [g, legend] = this.box("group field", info, path, key, required);
      if (mayBeFalse) {
        const box = this.el("input", { type: "checkbox", checked: value === false });
        box.addEventListener("change", () => this.ctx.set(path, box.checked ? false : blank(s), order, true));
        legend.insertBefore(this.el("span", { class: "off" }, box, "不要这一部分（写 false）"), legend.children[1]);
      }
      g.append(this.object(s, value && typeof value === "object" ? value : {}, path, order));
      return g;
    }

    list(info, s, value, path, key, order, required, mayBeFalse) {
      const [g, legend] = this.box("group field list", info, path, key, required);
      const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
      const single = !Array.isArray(value) && items.length === 1; // text: 一段 written as one string
      const itemSchema = resolve(s.items || {});
      if (isBlockList(s)) {
        items.forEach((v, i) => g.append(this.block(v, [...path, i], i, items.length)));
        const add = this.el("div", { class: "adders" }, this.el("span", { class: "label" }, "添加："));
        for (const [kind, name, make] of BLOCKS) {
          add.append(this.el("button", { type: "button", onclick: () => this.ctx.insert(path, items.length, make(), order) }, "＋ " + name));
        }
        g.append(add);
        return g;
      }
      const itemAlts = alternatives(itemSchema);
      const objectItem = itemAlts.find(isObject);
      if (objectItem) {
        items.forEach((v, i) => {
          const box = this.el("div", { class: "group field", "data-path": dotted([...path, i]) });
          box.append(this.el("div", { class: "legend" }, `${objectItem.title || info.title} ${i + 1}`, this.el("span", { class: "grow" }), this.tools([...path, i], i, items.length)));
          box.append(this.el("div", { class: "msgs" }));
          box.append(this.object(objectItem, v, [...path, i], Object.keys(objectItem.properties || {})));
          g.append(box);
        });
      } else if (itemSchema.type === "array") {
        g.append(this.rows(items, path));
      } else {
        items.forEach((v, i) => {
          const p = single ? path : [...path, i];
          const row = this.el("div", { class: "row field", "data-path": dotted([...path, i]) });
          const t = this.el("textarea", { rows: 1 });
          fill(t, v);
          t.dataset.path = dotted([...path, i]);
          t.addEventListener("input", () => { grow(t); this.ctx.text(p, t.value, order, true); });
          row.append(this.el("span", { class: "num" }, `${i + 1}.`), t);
          if (!single) row.append(this.tools([...path, i], i, items.length));
          else row.append(this.el("span", { class: "item-tools" }, this.el("button", { type: "button", class: "del", onclick: () => this.ctx.remove(path) }, "删除")));
          const wrap = this.el("div", {}, row, this.el("div", { class: "msgs" }));
          wrap.className = "field"; wrap.dataset.path = dotted([...path, i]);
          row.classList.remove("field"); delete row.dataset.path;
          g.append(wrap);
        });
      }
      const noun = objectItem ? (objectItem.title || "一项") : itemSchema.type === "array" ? "一行" : "一段";
      g.append(this.el("div", { class: "adders" }, this.el("button", {
        type: "button",
        onclick: () => {
          if (!Array.isArray(value) && items.length === 1) this.ctx.set(path, [items[0], blank(s.items)], order, true);
          else this.ctx.insert(path, items.length, objectItem ? blank(objectItem) : itemSchema.type === "array" ? (items[0] || [""]).map(() => "") : "", order);
        },
      }, "＋ 添加" + noun)));
      if (mayBeFalse) {
        const box = this.el("input", { type: "checkbox", checked: value === false });
        box.addEventListener("change", () => this.ctx.set(path, box.checked ? false : [""], order, true));
        legend.insertBefore(this.el("span", { class: "off" }, box, "不要（写 false）"), legend.children[1]);
      }
      return g;
    }

    rows(rows, path) {
      const table = this.el("table", { class: "grid-table" });
      rows.forEach((row, i) => {
        const tr = this.el("tr", { class: "field", "data-path": dotted([...path, i]) });
        (Array.isArray(row) ? row : [row]).forEach((cell, j) => {
          const input = this.el("input", { type: "text" });
          fill(input, cell);
          input.title = input.value; // a long cell is read whole on hover
          input.dataset.path = dotted([...path, i, j]);
          input.addEventListener("input", () => { input.title = input.value; this.ctx.text([...path, i, j], input.value, null, true); });
          tr.append(this.el("td", {}, input));
        });
        tr.append(this.el("td", {}, this.tools([...path, i], i, rows.length), this.el("div", { class: "msgs" })));
        table.append(tr);
      });
      return table;
    }

    block(value, path, index, count) {
      const kind = blockKind(value);
      const name = (BLOCKS.find((b) => b[0] === kind) || [null, "（无法识别的块）"])[1];
      const box = this.el("div", { class: "group field block", "data-path": dotted(path) });
      box.append(this.el("div", { class: "legend" }, `${index + 1}. ${name}`, this.el("span", { class: "grow" }), this.tools(path, index, count)));
      box.append(this.el("div", { class: "msgs" }));
      if (kind === "paragraph") {
        const t = this.el("textarea", { rows: 2 });
        fill(t, value);
        t.dataset.path = dotted(path);
        t.addEventListener("input", () => { grow(t); this.ctx.text(path, t.value, null, true); });
        box.append(t);
      } else if (kind) {
        const model = defs[BLOCK_MODEL[kind]];
        box.append(this.object(model, value, path, Object.keys(model.properties)));
      }
      return box;
    }
  }

  // 待填 (a value `new` or `import` left for the clerk) is shown as an empty box that says so
  const TO_FILL = /^待填写?(?:[\s\u3000：:]+(.*))?$/s;
  function fill(control, value) {
    const m = typeof value === "string" && value.trim().match(TO_FILL);
    if (m) {
      control.value = "";
      control.placeholder = m[1] ? `待填（建议：${m[1]}）` : "待填";
      control.classList.add("to-fill");
    } else {
      control.value = value === undefined || value === null || value === false ? "" : String(value);
    }
  }

  function grow(t) { t.style.height = "auto"; t.style.height = t.scrollHeight + 2 + "px"; }

  // The whole form for a report's data.
  function render(container, data, ctx) {
    container.replaceChildren();
    const b = new Builder(ctx);
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      container.append(b.el("p", { class: "notice" }, "这份文件还不是“键: 值”的形式，表单无法显示。请在“YAML 文本”中查看红色标出的行。"));
      return;
    }
    const kinds = Object.keys(root.discriminator.mapping);
    const model = modelFor(data.kind);
    const top = b.el("div", { class: "form-top" });
    if (!model) {
      const select = b.el("select", {}, b.el("option", { value: "" }, "（请选择文件类型）"));
      for (const k of kinds) select.append(b.el("option", { value: k }, `${resolve({ $ref: root.discriminator.mapping[k] }).title}（${k}）`));
      select.addEventListener("change", () => select.value && ctx.set(["kind"], select.value, null, true));
      top.append(b.el("span", { class: "kind" }, "文件类型："), select);
      container.append(top, b.el("div", { class: "msgs", "data-path": "kind" }));
      return;
    }
    top.append(b.el("span", { class: "kind" }, model.title), b.el("span", { class: "muted" }, `kind: ${data.kind}`));
    const wrap = b.el("div", { class: "field", "data-path": "" }, top, b.el("div", { class: "msgs" }));
    container.append(wrap, b.object(model, data, [], Object.keys(model.properties)));
    container.querySelectorAll("textarea").forEach(grow);
  }

  // Messages beside the fields they concern (the nearest field shown, for one not shown).
  function mark(container, diagnostics) {
    container.querySelectorAll(".msg").forEach((m) => m.remove());
    container.querySelectorAll(".has-error, .has-warning").forEach((f) => f.classList.remove("has-error", "has-warning"));
    const fields = new Map();
    container.querySelectorAll("[data-path]").forEach((f) => { if (f.classList.contains("field") || f.classList.contains("msgs")) fields.set(f.dataset.path, f); });
    const placed = [];
    for (const d of diagnostics) {
      if (d.path === null || d.path === undefined) continue;
      let p = d.path;
      let f = fields.get(p);
      while (!f && p) {
        const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
        p = up === p ? "" : up;
        f = fields.get(p);
      }
      if (!f) f = fields.get("");
      if (!f) continue;
      const msgs = f.classList.contains("msgs") ? f : f.querySelector(":scope > .msgs") || f.querySelector(".msgs");
      const label = d.label ? `${d.label}：` : "";
      const text = (p === d.path ? "" : `${d.path}${d.label ? "（" + d.label + "）" : ""}：`) + (p === d.path ? label : "") + d.message + (d.hint ? " — " + d.hint : "");
      const m = document.createElement("div");
      m.className = "msg " + d.severity;
      m.textContent = text;
      (msgs || f).append(m);
      f.classList.add(d.severity === "error" ? "has-error" : "has-warning");
      placed.push([d, f]);
    }
    return placed;
  }

  function find(container, path) {
    let p = path || "";
    for (;;) {
      const f = container.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (f) return f;
      if (!p) return null;
      const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
      p = up === p ? "" : up;
    }
  }

  return { setSchema, render, mark, find, dotted, blockKind };
})();
