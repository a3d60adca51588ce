"use strict";
// Listening to a recording in the page: one player panel per page with the recording's waveform (drawn by
// the server) above an <audio> element and a download link. The audio element asks the server's audio
// route with HTTP Range, so seeking works; clicking the waveform seeks there. Nothing is fetched before the
// user asks to play (preload "none"): every play is written to the server's access log.
window.Player = (() => {
  const { h } = App;
  let current = null;

  function seconds(ms) { return ms == null ? "—" : (Math.round(ms / 100) / 10) + " " + t("seconds"); }

  // a new panel for the page being rendered; hidden until a recording is loaded
  function panel() {
    const audio = h("audio", { id: "player-audio", controls: true, preload: "none" });
    const img = h("img", { id: "player-wave", class: "wave", alt: t("waveform"), draggable: "false" });
    const cursor = h("div", { class: "wave-cursor", id: "player-cursor" });
    const title = h("div", { class: "player-title", id: "player-title" });
    const link = h("a", { id: "player-download", class: "act-link", text: t("download") });
    const status = h("span", { class: "muted", id: "player-status" });
    const box = h("div", { class: "wave-box", title: t("clickToSeek") }, img, cursor);
    const section = h("section", { id: "player", class: "player", hidden: true },
      h("h2", { text: t("player") }), title, box, audio, h("div", { class: "player-links" }, link, " ", status));
    img.addEventListener("error", () => { if (img.getAttribute("src")) status.textContent = t("noWaveform"); });
    img.addEventListener("load", () => { status.textContent = ""; });
    box.addEventListener("click", (ev) => {
      const r = img.getBoundingClientRect();
      const share = Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width));
      const seek = () => { if (isFinite(audio.duration)) audio.currentTime = share * audio.duration; };
      if (isFinite(audio.duration)) seek();
      else audio.addEventListener("loadedmetadata", seek, { once: true });
      audio.play().catch(() => {});
    });
    audio.addEventListener("timeupdate", () => {
      cursor.style.left = isFinite(audio.duration) && audio.duration > 0
        ? (100 * audio.currentTime / audio.duration) + "%" : "0";
    });
    audio.addEventListener("error", () => { status.textContent = t("audioFailed"); });
    current = { section, audio, img, title, link, status };
    return section;
  }

  // plays recording rec ({id, caller, startedAt, durationMillis, extension, ticketNo}) in the page's panel
  function load(rec, autoplay) {
    if (!current) return;
    const base = "/api/recordings/" + encodeURIComponent(rec.id);
    current.section.hidden = false;
    current.title.textContent = "#" + rec.id + " · " + App.fmt(rec.startedAt) + " · " + (rec.caller || "—")
      + " → " + (rec.extension || "—") + " · " + seconds(rec.durationMillis) + (rec.ticketNo ? " · " + rec.ticketNo : "");
    current.status.textContent = "";
    current.img.src = base + "/waveform";
    current.link.href = base + "/download";
    current.audio.src = base + "/audio";
    current.audio.dataset.recording = rec.id;
    if (autoplay) current.audio.play().catch((e) => { current.status.textContent = t("audioFailed") + ": " + e.message; });
    current.section.scrollIntoView({ block: "nearest" });
  }

  // a "play" button for a row
  function button(rec) {
    return h("button", { type: "button", class: "act play", "data-recording": rec.id, text: "▶ " + t("play"),
      onclick: () => load(rec, true) });
  }

  function downloadLink(rec) {
    return h("a", { href: "/api/recordings/" + encodeURIComponent(rec.id) + "/download", class: "download", text: t("download") });
  }

  return { panel, load, button, downloadLink };
})();
