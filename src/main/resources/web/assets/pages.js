"use strict";
// The views of the workbench: dashboard, calls, one call's timeline, tickets and one ticket's life,
// recordings, users. Each returns the nodes of its page; App renders them.
(() => {
  const { h, api, qs, go, fmt, pct, today, message, failure, table, bars } = App;

  function field(label, input) { return h("label", {}, label, input); }
  function input(name, value, type) { return h("input", { name, id: "f-" + name, value: value || "", type: type || "text" }); }
  function yesNo(name, value) {
    return h("select", { name, id: "f-" + name }, [["", t("any")], ["true", t("yes")], ["false", t("no")]].map(([v, l]) =>
      h("option", { value: v, selected: value === v ? true : null, text: l })));
  }
  function formValues(form) { return Object.fromEntries(new FormData(form).entries()); }
  function check(b) { return b == null ? "—" : b ? "✓" : "✗"; }
  function seconds(ms) { return ms == null ? "—" : (Math.round(ms / 100) / 10) + " " + t("seconds"); }

  // recordings of a call or a ticket, each with a play button for the page's player and a download link
  function recordingList(rows) {
    return rows.length ? h("table", { class: "recordings" }, h("thead", {}, h("tr", {}, [t("time"), t("caller"), t("extension"),
        t("duration"), t("grade"), t("state"), ""].map((c) => h("th", { text: c })))),
      h("tbody", {}, rows.map((r) => h("tr", { class: "rec-row" }, h("td", { text: fmt(r.startedAt) }), h("td", { text: r.caller || "—" }),
        h("td", { text: r.extension || "—" }), h("td", { text: seconds(r.durationMillis) }), h("td", { text: r.grade || "—" }),
        h("td", { text: r.state || "—" }), h("td", {}, Player.button(r), " ", Player.downloadLink(r))))))
      : h("p", { class: "empty", text: t("none") });
  }

  // ---- dashboard
  Pages.dashboard = async () => {
    const [todayRes, byDay, overdue, alerts] = await Promise.all([
      api("GET", "/api/reports/answer-times" + qs({ from: today(), to: today(), groupBy: "hour" })),
      api("GET", "/api/reports/answer-times" + qs({ from: today(-13), to: today(), groupBy: "day" })),
      api("GET", "/api/tickets/overdue?limit=20"),
      api("GET", "/api/alerts" + qs({ from: today(), to: today(), limit: 20 }))]);
    const out = [];
    if (!todayRes.ok) return [failure(todayRes)];
    const tot = todayRes.data.totals || {};
    out.push(h("div", { class: "grid" },
      h("section", {}, h("h2", { text: t("todayCalls") }), h("div", { class: "kpi", id: "kpi-calls", text: tot.calls ?? 0 }),
        h("small", { class: "muted", text: t("answered") + " " + (tot.answered ?? 0) + " · " + t("missed") + " " + (tot.missed ?? 0) })),
      h("section", {}, h("h2", { text: t("share3") }), h("div", { class: "kpi", id: "kpi-share", text: pct(tot.withinThreeRingsShare) }))));
    // every hour of the day and every one of the 14 days gets its slot, empty ones included
    const byHour = new Map((todayRes.data.groups || []).map((g) => [Number(g.key.slice(11, 13)), g]));
    const hours = Array.from({ length: 24 }, (_, hr) => { const g = byHour.get(hr);
      return { label: String(hr), value: g ? g.medianRingSeconds : null, bad: g && g.medianRingSeconds >= 15 }; });
    const dayMap = new Map((byDay.ok ? byDay.data.groups || [] : []).map((g) => [g.key, g]));
    const days = Array.from({ length: 14 }, (_, i) => { const key = today(i - 13), g = dayMap.get(key);
      return { label: key.slice(5), value: g && g.calls ? g.answered / g.calls : null }; });
    out.push(h("div", { class: "grid" },
      h("section", {}, h("h2", { text: t("ringByHour") }), hours.length ? bars(hours) : h("p", { class: "empty", text: t("noResults") })),
      h("section", {}, h("h2", { text: t("answeredByDay") }), days.length ? bars(days, { max: 1, share: true }) : h("p", { class: "empty", text: t("noResults") }))));
    const alertList = h("ul", { class: "alerts", id: "alerts" });
    const addAlert = (a, first) => {
      const li = h("li", {}, h("b", { text: a.kind }), " ", fmt(a.raisedAt), " — ", a.message || "");
      if (first) alertList.prepend(li); else alertList.append(li);
    };
    (alerts.ok ? alerts.data : []).forEach((a) => addAlert(a, false));
    const noAlerts = h("p", { class: "empty", text: t("noAlerts"), hidden: alertList.children.length ? true : null });
    const shown = addAlert;
    const addLive = (a, first) => { noAlerts.hidden = true; shown(a, first); };
    liveAlerts(addLive);
    out.push(h("div", { class: "grid" },
      h("section", {}, h("h2", { text: t("liveAlerts") }), alertList, noAlerts),
      h("section", {}, h("h2", { text: t("overdue") }),
        overdue.ok && overdue.data.length ? table([t("ticket"), t("deadline"), t("lateMin"), t("status")], overdue.data, (o) =>
          h("tr", {}, h("td", {}, h("a", { href: "#/ticket/" + encodeURIComponent(o.ticketNo), text: o.ticketNo })),
            h("td", { text: o.deadline }), h("td", { text: o.lateMinutes }), h("td", { text: o.status })))
          : h("p", { class: "empty", text: overdue.ok ? t("none") : (overdue.data && overdue.data.error) || t("error") }))));
    return out;
  };

  let socket = null;
  async function liveAlerts(add) {
    if (socket) { socket.close(); socket = null; }
    const tok = await api("POST", "/api/live/token");
    if (!tok.ok) return;
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/live?token="
      + encodeURIComponent(tok.data.token));
    socket.onmessage = (ev) => { const m = JSON.parse(ev.data); if (m.type === "alert") add(m, true); };
    window.addEventListener("hashchange", () => { if (socket) socket.close(); socket = null; }, { once: true });
  }

  // ---- calls
  Pages.calls = async (arg, p) => {
    const limit = 50, offset = Number(p.offset || 0);
    const form = h("form", { class: "bar", id: "call-search" },
      field(t("caller"), input("caller", p.caller)), field(t("from"), input("from", p.from, "date")),
      field(t("to"), input("to", p.to, "date")), h("button", { class: "primary", type: "submit", id: "search", text: t("search") }));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); go("calls", null, formValues(form)); });
    const res = await api("GET", "/api/calls" + qs({ caller: p.caller, from: p.from, to: p.to, limit, offset }));
    if (!res.ok) return [h("section", {}, form), failure(res)];
    const rows = res.data;
    const list = rows.length ? table([t("time"), t("caller"), t("answeredBy"), t("ringTime"), t("rings"), t("within3"), t("ticket"), ""], rows, (c) =>
      h("tr", { class: "call-row" }, h("td", { text: fmt(c.startedAt) }), h("td", { class: "caller", text: c.caller || "—" }),
        h("td", { text: c.answeredBy || "—" }), h("td", { text: seconds(c.ringMillis) }), h("td", { text: c.rings ?? "—" }),
        h("td", { text: check(c.withinThreeRings) }),
        h("td", {}, c.ticketNo ? h("a", { href: "#/ticket/" + encodeURIComponent(c.ticketNo), text: c.ticketNo }) : "—"),
        h("td", {}, h("a", { href: "#/call/" + c.id, class: "open-call", text: t("open") }))))
      : h("p", { class: "empty", text: t("noResults") });
    const pager = h("div", { class: "pager" },
      h("button", { class: "act", disabled: offset === 0 ? true : null, text: t("prev"),
        onclick: () => go("calls", null, Object.assign({}, p, { offset: Math.max(0, offset - limit) })) }),
      h("span", { text: t("page", offset / limit + 1) }),
      h("button", { class: "act", disabled: rows.length < limit ? true : null, text: t("next"),
        onclick: () => go("calls", null, Object.assign({}, p, { offset: offset + limit })) }));
    return [h("section", {}, h("h2", { text: t("calls") }), form), h("section", {}, list, pager)];
  };

  // ---- one call
  Pages.call = async (id) => {
    const res = await api("GET", "/api/calls/" + encodeURIComponent(id));
    if (!res.ok) return [failure(res)];
    const c = res.data;
    const kv = (pairs) => h("dl", { class: "kv" }, pairs.map(([k, v]) => [h("dt", { text: k }), h("dd", {}, v == null || v === "" ? "—" : v)]));
    // the call's indexed recordings, each as the recording API has it (what this user may play)
    const recIds = c.recordings.filter((r) => r.id != null).map((r) => r.id);
    const recs = (await Promise.all(recIds.map((rid) => api("GET", "/api/recordings/" + encodeURIComponent(rid)))))
      .filter((x) => x.ok).map((x) => x.data);
    const first = c.events.length ? new Date(c.events[0].at) : null;
    const eventRows = table([t("time"), "+s", t("events"), ""], c.events, (e) => {
      const rest = Object.assign({}, e); delete rest.kind; delete rest.at; delete rest.linkedId;
      const plus = first && e.at ? ((new Date(e.at) - first) / 1000).toFixed(2) : "";
      return h("tr", { class: "event" }, h("td", { text: fmt(e.at) }), h("td", { text: plus }), h("td", { text: e.kind }),
        h("td", {}, h("pre", { class: "detail", text: JSON.stringify(rest) })));
    });
    return [h("section", { id: "timeline" }, h("h2", { text: t("callTimeline") + " #" + c.id }),
      kv([[t("caller"), c.caller], [t("time"), fmt(c.startedAt)], [t("ringTime"), seconds(c.ringMillis)],
        [t("rings"), c.rings], [t("within3"), check(c.withinThreeRings)], [t("answeredBy"), c.answeredBy],
        [t("route"), c.routing.route], [t("routedTo"), (c.routing.routedTo || []).join(", ")],
        [t("transfers"), c.transfers.length ? c.transfers.join(" → ") : t("none")],
        [t("hangup"), [c.hangupCause, c.hangupCauseText].filter((x) => x != null).join(" ")],
        [t("recording"), c.recordings.length ? c.recordings.map((r) => r.id != null ? "#" + r.id : r.file).join(", ") : t("none")],
        [t("ticket"), c.ticketNo ? h("a", { href: "#/ticket/" + encodeURIComponent(c.ticketNo), text: c.ticketNo }) : null]])),
      Player.panel(),
      h("section", { id: "call-recordings" }, h("h2", { text: t("recordings") }), recordingList(recs)),
      h("section", {}, h("h2", { text: t("events") }), c.events.length ? eventRows : h("p", { class: "empty", text: t("none") })),
      h("section", {}, h("h2", { text: t("legs") }), table(["channel", "role", "ringing", "answered", "ended", "dial"], c.legs, (l) =>
        h("tr", {}, h("td", { text: l.channel }), h("td", { text: l.role }), h("td", { text: fmt(l.ringingAt) }),
          h("td", { text: fmt(l.answeredAt) }), h("td", { text: fmt(l.endedAt) }), h("td", { text: l.dialStatus || "" }))))];
  };

  // ---- tickets
  Pages.tickets = async (arg, p) => {
    const form = h("form", { class: "bar" }, field(t("phone"), input("phone", p.phone)),
      field(t("from"), input("from", p.from, "date")), field(t("to"), input("to", p.to, "date")),
      h("button", { class: "primary", type: "submit", text: t("search") }));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); go("tickets", null, formValues(form)); });
    const lookup = h("form", { class: "bar" }, field(t("ticketLookup"), input("no", "")), h("button", { class: "act", type: "submit", text: t("open") }));
    lookup.addEventListener("submit", (ev) => { ev.preventDefault(); go("ticket", formValues(lookup).no.trim()); });
    const res = await api("GET", "/api/tickets" + qs({ phone: p.phone, from: p.from, to: p.to, limit: 100 }));
    const list = !res.ok ? failure(res) : res.data.length ? table([t("ticket"), t("time"), t("phone"), t("name"), t("room"), t("matter"), t("status")], res.data, (k) =>
      h("tr", {}, h("td", {}, h("a", { href: "#/ticket/" + encodeURIComponent(k.ticketNo), text: k.ticketNo })),
        h("td", { text: fmt(k.createdAt || k.time) }), h("td", { text: k.phone || "—" }), h("td", { text: k.name || "—" }),
        h("td", { text: k.room || "—" }), h("td", { text: k.matter || "—" }), h("td", { text: k.status })))
      : h("p", { class: "empty", text: t("noResults") });
    return [h("section", {}, h("h2", { text: t("tickets") }), form, lookup), h("section", {}, list)];
  };

  Pages.ticket = async (no) => {
    const res = await api("GET", "/api/tickets/" + encodeURIComponent(no));
    if (!res.ok) return [failure(res)];
    const k = res.data;
    // the recordings of the ticket's calls (only those this user may play)
    const recs = await api("GET", "/api/recordings" + qs({ ticket: k.ticketNo, limit: 100 }));
    const status = h("div", { id: "action-result" });
    const act = async (action, body) => {
      const r = await api("POST", "/api/tickets/" + encodeURIComponent(no) + "/" + action, body || {});
      if (r.ok) App.go("ticket", no); else status.replaceChildren(failure(r));
      if (r.ok) window.dispatchEvent(new HashChangeEvent("hashchange"));
    };
    const deps = await api("GET", "/api/departments");
    const dispatchForm = h("form", { class: "bar", id: "dispatch-form" },
      field(t("department"), h("select", { name: "department" }, (deps.ok ? deps.data : []).map((d) => h("option", { value: d.code, text: d.name })))),
      field(t("skill"), input("skill", "")), field(t("content"), input("content", k.matter || "")),
      h("button", { class: "act", type: "submit", text: t("dispatch") }));
    dispatchForm.addEventListener("submit", (ev) => { ev.preventDefault(); const v = formValues(dispatchForm);
      act("dispatch", { department: v.department, skill: v.skill || undefined, content: v.content || undefined }); });
    const opts = (name, values, current) => h("select", { name }, values.map((v) =>
      h("option", { value: v, selected: current === v ? true : null, text: v || "—" })));
    const fill = h("form", { class: "bar", id: "fill-form" }, field(t("matter"), input("matter", k.matter || "")),
      field(t("kind"), opts("kind", ["", "repair", "complaint", "consultation", "callback"], k.kind || "")),
      field(t("severity"), opts("severity", ["", "major", "important", "minor"], k.severity || "")),
      h("button", { class: "act", type: "submit", text: t("save") }));
    fill.addEventListener("submit", async (ev) => { ev.preventDefault(); const v = formValues(fill);
      const r = await api("PUT", "/api/tickets/" + encodeURIComponent(no), { matter: v.matter || undefined,
        kind: v.kind || undefined, severity: v.severity || undefined });
      if (r.ok) window.dispatchEvent(new HashChangeEvent("hashchange")); else status.replaceChildren(failure(r)); });
    const simple = ["arrived", "started", "finished", "confirmed"].map((a) => h("button", { class: "act", id: "act-" + a, text: t(a), onclick: () => act(a) }));
    const resched = h("form", { class: "bar" }, field(t("newTime"), input("to", "", "datetime-local")),
      field(t("ownerConsent"), input("ownerConsent", "")), h("button", { class: "act", type: "submit", text: t("rescheduled") }));
    resched.addEventListener("submit", (ev) => { ev.preventDefault(); const v = formValues(resched);
      act("rescheduled", { to: v.to ? new Date(v.to).toISOString() : null, ownerConsent: v.ownerConsent }); });
    const follow = h("form", { class: "bar" }, field(t("satisfied"), h("select", { name: "satisfied" },
      h("option", { value: "true", text: t("yes") }), h("option", { value: "false", text: t("no") }))),
      field(t("note"), input("note", "")), h("button", { class: "act", type: "submit", text: t("followup") }));
    follow.addEventListener("submit", (ev) => { ev.preventDefault(); const v = formValues(follow);
      act("followup", { satisfied: v.satisfied === "true", note: v.note || undefined }); });
    // follow-up call (AMI Originate): this user's phone rings first, then the owner's number
    const callBack = h("form", { class: "bar", id: "callback-form" },
      field(t("extension"), input("extension", (App.me() && App.me().extension) || "")),
      h("button", { class: "act", type: "submit", text: t("callBack") }));
    callBack.addEventListener("submit", (ev) => { ev.preventDefault();
      act("callback", { extension: formValues(callBack).extension }); });
    const ending = (action) => { const f = h("form", { class: "bar" }, field(t("reason"), input("reason", "")),
      h("button", { class: "act", type: "submit", text: t(action) }));
      f.addEventListener("submit", (ev) => { ev.preventDefault(); act(action, { reason: formValues(f).reason }); }); return f; };
    const kv = [["ticket", k.ticketNo], ["status", k.status], ["time", fmt(k.createdAt)], ["phone", k.phone], ["name", k.name],
      ["room", [k.building, k.room].filter(Boolean).join(" ")], ["matter", k.matter], ["kind", k.kind], ["severity", k.severity],
      ["department", k.department], ["deadline", fmt(k.dueAt)]];
    return [h("section", { id: "ticket" }, h("h2", { text: t("ticket") + " " + k.ticketNo }),
        h("dl", { class: "kv" }, kv.map(([key, v]) => [h("dt", { text: t(key) }), h("dd", { text: v == null || v === "" ? "—" : v })]))),
      Player.panel(),
      h("section", { id: "ticket-recordings" }, h("h2", { text: t("recordings") }),
        recs.ok ? recordingList(recs.data) : failure(recs)),
      h("section", { class: "noprint" }, h("h2", { text: t("dispatch") }), status, fill, dispatchForm, h("div", {}, simple), resched, follow,
        callBack, ending("cancel"), ending("close")),
      h("section", {}, h("h2", { text: t("orders") }), k.orders.length ? table([t("orderId"), t("department"), t("technician"), t("status"), t("time"), "arrive due", t("arrived"), t("started")], k.orders, (o) =>
        h("tr", {}, h("td", { text: o.id }), h("td", { text: o.department }), h("td", { text: o.technician }), h("td", { text: o.status }),
          h("td", { text: fmt(o.dispatchedAt) }), h("td", { text: fmt(o.arriveDue) }), h("td", { text: fmt(o.arrivedAt) }), h("td", { text: fmt(o.startedAt) })))
        : h("p", { class: "empty", text: t("none") })),
      h("section", {}, h("h2", { text: t("steps") }), table([t("time"), t("steps"), t("by"), ""], k.steps, (s) =>
        h("tr", {}, h("td", { text: fmt(s.at) }), h("td", { text: s.step }), h("td", { text: s.by || "—" }),
          h("td", {}, s.detail ? h("pre", { class: "detail", text: JSON.stringify(s.detail) }) : ""))))];
  };

  // ---- recordings: search, and the player (waveform, audio with seeking, download)
  Pages.recordings = async (arg, p) => {
    const form = h("form", { class: "bar", id: "rec-search" },
      field(t("from"), input("from", p.from, "date")), field(t("to"), input("to", p.to, "date")),
      field(t("caller"), input("caller", p.caller)), field(t("extension"), input("extension", p.extension)),
      field(t("ticket"), input("ticket", p.ticket)), field(t("room"), input("room", p.room)),
      field(t("durationMin"), input("minSeconds", p.minSeconds, "number")), field(t("durationMax"), input("maxSeconds", p.maxSeconds, "number")),
      field(t("grade"), h("select", { name: "grade" }, ["", "clear", "fair", "unclear", "silent"].map((g) =>
        h("option", { value: g, selected: p.grade === g ? true : null, text: g || t("any") })))),
      field(t("within3"), yesNo("withinThreeRings", p.withinThreeRings)), field(t("afterHours"), yesNo("afterHours", p.afterHours)),
      h("button", { class: "primary", type: "submit", text: t("search") }));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); go("recordings", null, formValues(form)); });
    const limit = 50, offset = Number(p.offset || 0);
    const res = await api("GET", "/api/recordings" + qs(Object.assign({}, p, { limit, offset })));
    const head = h("section", {}, h("h2", { text: t("recordings") }), form);
    if (res.status === 404 && !(res.data && Array.isArray(res.data))) {
      return [head, h("div", { class: "msg", id: "rec-unavailable", text: t("recNotAvailable") })];
    }
    if (!res.ok) return [head, failure(res)];
    const rows = Array.isArray(res.data) ? res.data : (res.data.recordings || res.data.items || []);
    const sortKey = p.sort || "startedAt";
    rows.sort((a, b) => String(a[sortKey] ?? "").localeCompare(String(b[sortKey] ?? ""), undefined, { numeric: true }) * (p.desc === "1" ? -1 : 1));
    const sortable = (key, label) => h("th", { class: "sort", text: label + (sortKey === key ? (p.desc === "1" ? " ▼" : " ▲") : ""),
      onclick: () => go("recordings", null, Object.assign({}, p, { sort: key, desc: sortKey === key && p.desc !== "1" ? "1" : "0" })) });
    const list = rows.length ? h("table", {}, h("thead", {}, h("tr", {}, sortable("startedAt", t("time")), sortable("caller", t("caller")),
        sortable("extension", t("extension")), sortable("durationMillis", t("duration")), sortable("ticketNo", t("ticket")),
        sortable("grade", t("grade")), h("th", { text: t("play") }))),
      h("tbody", {}, rows.map((r) => h("tr", { class: "rec-row" }, h("td", { text: fmt(r.startedAt) }), h("td", { class: "caller", text: r.caller || "—" }),
        h("td", { text: r.extension || "—" }), h("td", { text: seconds(r.durationMillis) }),
        h("td", {}, r.ticketNo ? h("a", { href: "#/ticket/" + encodeURIComponent(r.ticketNo), text: r.ticketNo }) : "—"),
        h("td", { text: r.grade || "—" }),
        h("td", {}, Player.button(r), " ", Player.downloadLink(r),
          r.callId != null ? [" ", h("a", { href: "#/call/" + r.callId, text: t("open") })] : null)))))
      : h("p", { class: "empty", text: t("noResults") });
    const pager = h("div", { class: "pager" },
      h("button", { class: "act", disabled: offset === 0 ? true : null, text: t("prev"), onclick: () => go("recordings", null, Object.assign({}, p, { offset: Math.max(0, offset - limit) })) }),
      h("span", { text: t("page", offset / limit + 1) }),
      h("button", { class: "act", disabled: rows.length < limit ? true : null, text: t("next"), onclick: () => go("recordings", null, Object.assign({}, p, { offset: offset + limit })) }));
    return [head, Player.panel(), h("section", {}, list, pager)];
  };

  // ---- the access log of recordings (quality staff, admins): who played or downloaded what, when, from where
  Pages.access = async (arg, p) => {
    const limit = 100, offset = Number(p.offset || 0);
    const form = h("form", { class: "bar", id: "access-search" },
      field(t("from"), input("from", p.from, "date")), field(t("to"), input("to", p.to, "date")),
      field(t("username"), input("user", p.user)), field(t("recordingId"), input("recordingId", p.recordingId, "number")),
      field(t("action"), h("select", { name: "action", id: "f-action" }, [["", t("any")], ["play", t("played")], ["download", t("downloaded")]]
        .map(([v, l]) => h("option", { value: v, selected: p.action === v ? true : null, text: l })))),
      h("button", { class: "primary", type: "submit", text: t("search") }));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); go("access", null, formValues(form)); });
    const head = h("section", {}, h("h2", { text: t("access") }), h("p", { class: "muted", text: t("accessRule") }), form);
    const res = await api("GET", "/api/recordings/access" + qs({ from: p.from, to: p.to, user: p.user,
      recordingId: p.recordingId, action: p.action, limit, offset }));
    if (!res.ok) return [head, failure(res)];
    const list = res.data.length ? table([t("time"), t("username"), t("action"), t("recording"), t("caller"), t("client"), "HTTP"], res.data, (a) =>
      h("tr", { class: "access-row" }, h("td", { text: fmt(a.at) }), h("td", { text: a.username + " (" + a.role + ")" }),
        h("td", { class: "action", text: a.action === "play" ? t("played") : t("downloaded") }),
        h("td", {}, h("a", { href: "#/recordings?" + new URLSearchParams({ caller: a.caller || "" }), text: "#" + a.recordingId }),
          " ", h("small", { class: "muted", text: a.recordingName || "" })),
        h("td", { text: a.caller || "—" }), h("td", { text: a.client || "—" }),
        h("td", { class: "status", text: a.status + (a.range ? " " + a.range : "") })))
      : h("p", { class: "empty", text: t("noResults") });
    const pager = h("div", { class: "pager" },
      h("button", { class: "act", disabled: offset === 0 ? true : null, text: t("prev"), onclick: () => go("access", null, Object.assign({}, p, { offset: Math.max(0, offset - limit) })) }),
      h("span", { text: t("page", offset / limit + 1) }),
      h("button", { class: "act", disabled: res.data.length < limit ? true : null, text: t("next"), onclick: () => go("access", null, Object.assign({}, p, { offset: offset + limit })) }));
    return [head, h("section", {}, list, pager)];
  };

  // ---- users (admins)
  Pages.users = async () => {
    const res = await api("GET", "/api/users");
    if (!res.ok) return [failure(res)];
    const status = h("div", {});
    const list = (s) => s.split(",").map((x) => x.trim()).filter(Boolean);
    const create = h("form", { class: "bar", id: "user-create" }, field(t("username"), input("username", "")),
      field(t("password"), input("password", "", "password")),
      field(t("role"), h("select", { name: "role" }, ["agent", "quality", "admin"].map((r) => h("option", { value: r, text: r })))),
      field(t("extension"), input("extension", "")), field(t("departments"), input("departments", "")),
      field(t("buildings"), input("buildings", "")), h("button", { class: "primary", type: "submit", text: t("create") }));
    create.addEventListener("submit", async (ev) => { ev.preventDefault(); const v = formValues(create);
      const r = await api("POST", "/api/users", { username: v.username, password: v.password, role: v.role,
        extension: v.extension || null, departments: list(v.departments), buildings: list(v.buildings) });
      if (r.ok) window.dispatchEvent(new HashChangeEvent("hashchange")); else status.replaceChildren(failure(r)); });
    const rows = res.data.map((u) => {
      const role = h("select", {}, ["agent", "quality", "admin"].map((r) => h("option", { value: r, selected: u.role === r ? true : null, text: r })));
      const ext = h("input", { value: u.extension || "", size: 6 });
      const deps = h("input", { value: u.departments.join(", ") });
      const blds = h("input", { value: u.buildings.join(", ") });
      const active = h("input", { type: "checkbox", checked: u.active ? true : null });
      const save = async () => { const r = await api("PUT", "/api/users/" + u.id, { role: role.value, extension: ext.value,
        departments: list(deps.value), buildings: list(blds.value), active: active.checked });
        status.replaceChildren(r.ok ? message(t("save") + " ✓") : failure(r)); };
      const reset = async () => { const pw = prompt(t("resetPassword") + " — " + u.username); if (!pw) return;
        const r = await api("PUT", "/api/users/" + u.id + "/password", { password: pw });
        status.replaceChildren(r.ok ? message(t("resetPassword") + " ✓") : failure(r)); };
      return h("tr", {}, h("td", { text: u.username }), h("td", {}, role), h("td", {}, ext), h("td", {}, deps), h("td", {}, blds),
        h("td", {}, active), h("td", {}, h("button", { class: "act", text: t("save"), onclick: save }), h("button", { class: "act", text: t("resetPassword"), onclick: reset })));
    });
    return [h("section", {}, h("h2", { text: t("users") }), status, create),
      h("section", {}, h("table", {}, h("thead", {}, h("tr", {}, [t("username"), t("role"), t("extension"), t("departments"), t("buildings"), t("active"), ""].map((c) => h("th", { text: c })))),
        h("tbody", {}, rows)))];
  };
})();
