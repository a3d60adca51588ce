"use strict";
// The workbench shell: who is signed in, the API helper (CSRF token, no Basic dialog), the #/view router,
// the navigation by role, and small DOM and chart helpers. Data from the server is untrusted text: it is
// only ever put into the page with textContent / attributes, never as HTML.
window.Pages = window.Pages || {};
window.App = (() => {
  let me = null;
  const NAV = [
    ["dashboard", ["admin", "quality", "agent"]], ["calls", ["admin", "quality", "agent"]],
    ["tickets", ["admin", "quality", "agent"]], ["recordings", ["admin", "quality", "agent"]],
    ["access", ["admin", "quality"]], ["audit", ["admin", "quality"]], ["inspection", ["admin", "quality"]],
    ["users", ["admin"]]
  ];

  function h(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "value") e.value = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid == null || kid === false) continue;
      e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }

  async function api(method, path, body) {
    const headers = { "X-Requested-With": "fetch", "Accept": "application/json" };
    if (method !== "GET") {
      headers["X-CSRF-Token"] = me && me.csrf ? me.csrf : "";
      if (body !== undefined) headers["Content-Type"] = "application/json";
    }
    const r = await fetch(path, { method, headers, credentials: "same-origin",
                                  body: body === undefined ? undefined : JSON.stringify(body) });
    if (r.status === 401) { location.href = "/login"; throw new Error("signed out"); }
    let data = null;
    const type = r.headers.get("Content-Type") || "";
    if (type.includes("json")) data = await r.json().catch(() => null);
    return { status: r.status, ok: r.ok, data };
  }

  function qs(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v != null && v !== "") p.set(k, v);
    const s = p.toString();
    return s ? "?" + s : "";
  }

  function route() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [pathPart, query] = hash.split("?");
    const [name, ...rest] = pathPart.split("/");
    return { name: name || "dashboard", arg: rest.map(decodeURIComponent).join("/") || null,
             params: Object.fromEntries(new URLSearchParams(query || "")) };
  }

  function go(name, arg, params) {
    location.hash = "#/" + name + (arg ? "/" + encodeURIComponent(arg) : "") + qs(params || {});
  }

  function fmt(iso) {
    if (!iso) return "—";
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString(lang() === "zh" ? "zh-CN" : "en-GB", { hour12: false });
  }

  function pct(x) { return x == null ? "—" : (Math.round(x * 1000) / 10) + " %"; }
  function today(offsetDays) {
    const d = new Date(Date.now() + (offsetDays || 0) * 86400000);
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function message(text, err) { return h("div", { class: err ? "msg err" : "msg", text }); }
  function failure(res) {
    const why = res.data && res.data.error ? res.data.error : "HTTP " + res.status;
    const head = res.status === 403 ? t("forbidden") : res.status === 404 ? t("notFound") : t("error");
    return message(head + ": " + why, true);
  }
  function table(columns, rows, rowFn) {
    return h("table", {}, h("thead", {}, h("tr", {}, columns.map((c) => h("th", { text: c })))),
      h("tbody", {}, rows.map(rowFn)));
  }

  // bars: [{label, value}] drawn as inline SVG, value axis from 0 to max (or 1 for shares)
  function bars(data, opts) {
    const W = 600, H = 170, pad = 24, n = Math.max(data.length, 1);
    const max = opts && opts.max ? opts.max : Math.max(1, ...data.map((d) => d.value || 0));
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("class", "chart");
    const bw = (W - pad) / n;
    const add = (tag, attrs, text) => {
      const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text != null) e.textContent = text;
      svg.append(e);
    };
    add("line", { x1: pad, y1: H - pad, x2: W, y2: H - pad, stroke: "#999" });
    add("text", { x: 0, y: 10 }, opts && opts.share ? "100%" : String(Math.round(max)));
    data.forEach((d, i) => {
      const v = d.value == null ? 0 : d.value;
      const bh = (H - 2 * pad) * v / max;
      add("rect", { x: pad + i * bw + 2, y: H - pad - bh, width: Math.max(1, bw - 4), height: bh,
                    fill: d.bad ? "#c62828" : "#3a5a99" }, null);
      add("text", { x: pad + i * bw + bw / 2, y: H - 8, "text-anchor": "middle" }, d.label);
      if (d.value != null) add("text", { x: pad + i * bw + bw / 2, y: H - pad - bh - 3, "text-anchor": "middle" },
        opts && opts.share ? Math.round(v * 100) + "%" : (Math.round(v * 10) / 10));
    });
    return svg;
  }

  function paintHeader() {
    document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
    document.title = t("app");
    document.getElementById("apptitle").textContent = t("app");
    document.getElementById("lang").textContent = t("lang");
    document.getElementById("signout").textContent = t("signout");
    document.getElementById("who").textContent = me.username + " · " + me.role + (me.extension ? " · " + me.extension : "");
    const current = route().name;
    const nav = document.getElementById("nav");
    nav.replaceChildren(...NAV.filter(([, roles]) => roles.includes(me.role)).map(([name]) =>
      h("a", { href: "#/" + name, id: "nav-" + name, class: current === name ? "on" : null, text: t(name) })));
    if (me.role !== "agent") nav.append(h("a", { href: "/live", text: t("live") }));
  }

  async function render() {
    paintHeader();
    const r = route();
    const main = document.getElementById("main");
    main.replaceChildren(h("p", { class: "muted", text: t("loading") }));
    const page = Pages[r.name] || Pages.dashboard;
    try {
      const content = await page(r.arg, r.params);
      main.replaceChildren(...[].concat(content).flat(Infinity).filter((x) => x != null && x !== false));
    } catch (e) {
      main.replaceChildren(message(t("error") + ": " + e.message, true));
    }
  }

  async function start() {
    const r = await fetch("/api/session", { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
    if (!r.ok) { location.href = "/login"; return; }
    me = await r.json();
    document.getElementById("lang").addEventListener("click", () => { toggleLang(); render(); });
    document.getElementById("signout").addEventListener("click", async () => {
      await api("POST", "/api/logout");
      location.href = "/login";
    });
    window.addEventListener("hashchange", render);
    render();
  }

  return { h, api, qs, go, fmt, pct, today, message, failure, table, bars, start, me: () => me, route };
})();
