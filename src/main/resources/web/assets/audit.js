"use strict";
// Audit (ledger against recordings both ways, the 60 % dispatch order sample with marks, daily sign-off)
// and the printable inspection form C1–C13.
(() => {
  const { h, api, qs, go, fmt, pct, today, message, failure, table } = App;

  function rangeForm(view, p, extra) {
    const form = h("form", { class: "bar", id: view + "-range" },
      h("label", {}, t("from"), h("input", { type: "date", name: "from", id: "f-from", value: p.from })),
      h("label", {}, t("to"), h("input", { type: "date", name: "to", id: "f-to", value: p.to })),
      h("button", { class: "primary", type: "submit", id: "run", text: t("search") }), extra || null);
    form.addEventListener("submit", (ev) => { ev.preventDefault(); go(view, null, Object.fromEntries(new FormData(form).entries())); });
    return form;
  }
  function defaults(p) {
    return { from: p.from || today(-6), to: p.to || today() };
  }
  function badge(status) { return h("span", { class: "badge " + status, text: t(status === "no-data" ? "nodata" : status) }); }

  Pages.audit = async (arg, params) => {
    const p = defaults(params);
    const res = await api("GET", "/api/audit" + qs(p));
    const head = h("section", {}, h("h2", { text: t("audit") }), rangeForm("audit", p));
    if (!res.ok) return [head, failure(res)];
    const a = res.data, rec = a.ledgerVsRecordings;
    const status = h("div", {});
    const tickets = rec.phoneTickets;
    const ticketTable = tickets.length ? table([t("ticket"), t("time"), t("calls"), t("recording"), ""], tickets, (k) =>
      h("tr", {}, h("td", {}, h("a", { href: "#/ticket/" + encodeURIComponent(k.ticketNo), text: k.ticketNo })),
        h("td", { text: fmt(k.createdAt) }), h("td", {}, k.callIds.map((id) => h("a", { href: "#/call/" + id, text: "#" + id + " " }))),
        h("td", { text: k.recordings.join(", ") || t("none") }), h("td", {}, badge(k.ok ? "pass" : "fail"))))
      : h("p", { class: "empty", text: t("none") });
    const orphans = rec.recordingsWithoutTicket;
    const orphanTable = orphans.length ? table([t("time"), t("caller"), t("recording"), t("reason"), ""], orphans, (o) =>
      h("tr", {}, h("td", {}, h("a", { href: "#/call/" + o.callId, text: fmt(o.startedAt) })), h("td", { text: o.caller || "—" }),
        h("td", { text: o.recording }), h("td", { text: o.reason || "—" }), h("td", {}, badge(o.ok ? "pass" : "fail"))))
      : h("p", { class: "empty", text: t("none") });
    const s = a.sample;
    const draw = h("button", { class: "primary", id: "draw-sample", text: t("drawSample"), onclick: async () => {
      const r = await api("POST", "/api/audit/sample" + qs(p));
      if (r.ok) window.dispatchEvent(new HashChangeEvent("hashchange")); else status.replaceChildren(failure(r)); } });
    const markButtons = (o) => ["pass", "fail"].map((m) => h("button", { class: "act", text: t(m), onclick: async () => {
      const note = m === "fail" ? prompt(t("note")) : null;
      const r = await api("PUT", "/api/audit/sample/" + o.orderId, { result: m, note: note || undefined });
      if (r.ok) window.dispatchEvent(new HashChangeEvent("hashchange")); else status.replaceChildren(failure(r)); } }));
    const sampleTable = s.sampled.length ? table([t("orderId"), t("ticket"), t("department"), t("technician"), t("time"), t("status"), t("mark"), ""], s.sampled, (o) =>
      h("tr", {}, h("td", { text: o.orderId }), h("td", {}, h("a", { href: "#/ticket/" + encodeURIComponent(o.ticketNo), text: o.ticketNo })),
        h("td", { text: o.department }), h("td", { text: o.technician }), h("td", { text: fmt(o.dispatchedAt) }), h("td", { text: o.status }),
        h("td", {}, o.result ? [badge(o.result), " ", o.markedBy || "", o.note ? " — " + o.note : ""] : "—"), h("td", {}, markButtons(o))))
      : h("p", { class: "empty", text: t("none") });
    const days = table([t("date"), t("tickets"), t("signOff"), t("by"), t("time"), ""], a.signOff, (d) =>
      h("tr", {}, h("td", { text: d.date }), h("td", { text: d.tickets }), h("td", {}, badge(d.signed ? "pass" : d.tickets ? "fail" : "no-data")),
        h("td", { text: d.signedBy || "—" }), h("td", { text: fmt(d.signedAt) }),
        h("td", {}, d.signed || d.date >= today() ? "" : h("button", { class: "act", text: t("signNow"), onclick: async () => {
          const r = await api("POST", "/api/ledger/" + d.date + "/sign-off", {});
          if (r.ok) window.dispatchEvent(new HashChangeEvent("hashchange")); else status.replaceChildren(failure(r)); } }))));
    return [head, status, a.narrowed ? h("div", { class: "msg", id: "narrowed", text: t("narrowedNote") }) : null,
      h("section", { id: "ledger-vs-recordings" }, h("h2", { text: t("ledgerVsRec") }),
        h("p", { class: "muted", text: t("recSource") + ": " + rec.source }),
        h("h3", { text: t("ticketsNoRec") }), ticketTable,
        h("h3", { text: t("recsNoTicket") }), orphanTable),
      h("section", { id: "sample" }, h("h2", { text: t("sample") }),
        h("p", {}, t("orders") + ": " + s.orders + " · " + t("sampled") + ": " + s.sampled.length + " / " + s.needed + " "), draw, sampleTable),
      h("section", { id: "signoff" }, h("h2", { text: t("signOff") }), days)];
  };

  Pages.inspection = async (arg, params) => {
    const p = defaults(params);
    const printButton = h("button", { type: "button", class: "act", id: "print", text: t("print"), onclick: () => window.print() });
    const head = h("section", { class: "noprint" }, h("h2", { text: t("inspection") }), rangeForm("inspection", p, printButton));
    const res = await api("GET", "/api/reports/inspection" + qs(p));
    if (!res.ok) return [head, failure(res)];
    const r = res.data;
    const figures = (f) => h("dl", { class: "kv" }, Object.entries(f).map(([k, v]) => [h("dt", { text: k }),
      h("dd", { text: Array.isArray(v) ? (v.join(", ") || "—") : typeof v === "number" && k.endsWith("Share") ? pct(v) : v == null ? "—" : String(v) })]));
    const rows = r.items.map((i) => h("tr", { class: "item", id: "item-" + i.id },
      h("td", {}, h("b", { text: i.id })),
      h("td", {}, h("div", { text: i.original }), h("div", { class: "muted", text: i.meaning })),
      h("td", {}, badge(i.status)),
      h("td", {}, figures(i.figures), i.note ? h("div", { class: "muted", text: i.note }) : null),
      h("td", {}, i.evidence.map((e) => h("div", {}, h("a", { class: "evidence", href: e.href, text: e.label }))))));
    return [head, h("section", { id: "inspection-form" },
      h("h2", { text: "《投诉处理与维修服务管理考核办法》执行情况专项检查表" }),
      h("p", {}, t("checkedBy") + ": " + r.from + " — " + r.to + " (" + r.zone + ") · " + t("generatedAt") + ": " + fmt(r.generatedAt)
        + " · " + r.generatedBy),
      h("p", {}, ["pass", "fail", "unknown", "no-data"].map((s) => [badge(s), " " + r.summary[s] + "  "])),
      h("table", {}, h("thead", {}, h("tr", {}, [t("item"), "", t("status"), t("figures"), t("evidence")].map((c) => h("th", { text: c })))),
        h("tbody", {}, rows)),
      h("p", { class: "printonly", text: "签字 Signature: ______________________    日期 Date: ____________" }))];
  };
})();
