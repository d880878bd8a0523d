"use strict";
// The learner runtime core: shows one screen at a time, keeps the learner's state and reports
// progress through window.Lms (scorm.js). Parts such as quiz.js and case.js register with
// window.Player and are started with it once every deferred script has run. No dependencies.
(() => {
  const data = JSON.parse(document.getElementById("course-data").textContent);
  const screens = [...document.querySelectorAll("main > .screen")];
  const keys = screens.map((screen) => screen.dataset.key);
  const t = (key, values = {}) =>
    data.messages[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

  const state = { location: keys[0], seen: new Set(), answers: {}, decisions: {}, score: null };
  const parts = [];
  let connection = null;
  let current = -1;
  let reported = "";
  let finished = false;
  let screenShownAt = Date.now();

  // Saved state uses short tokens per tracking key (see scorm_builder/state.py); tokens of
  // screens that no longer exist are dropped, so a new version of the module still resumes.
  const keyOfToken = Object.fromEntries(Object.entries(data.tokens).map(([key, tok]) => [tok, key]));
  const quizKey = (questionId) => `${data.quiz.id}/${questionId}`;

  function fromTokens(saved, toId) {
    const result = {};
    for (const [tok, value] of Object.entries(saved || {})) {
      const key = keyOfToken[tok];
      if (key) result[toId(key)] = value;
    }
    return result;
  }

  function toTokens(values, toKey) {
    return Object.fromEntries(Object.entries(values).map(([id, value]) => [data.tokens[toKey(id)], value]));
  }

  function restore(suspendData) {
    try {
      const saved = JSON.parse(suspendData);
      if (saved.v !== 2) return;
      for (const tok of (saved.s || "").match(/.{4}/g) || []) {
        if (keyOfToken[tok]) state.seen.add(keyOfToken[tok]);
      }
      Object.assign(state.answers, fromTokens(saved.a, (key) => key.split("/")[1]));
      Object.assign(state.decisions, fromTokens(saved.d, (key) => key));
      state.score = saved.q ?? null;
    } catch (error) {
      console.warn("[course] saved progress could not be read; starting afresh");
    }
  }

  function suspendData() {
    return JSON.stringify({
      v: 2,
      s: keys.filter((key) => state.seen.has(key)).map((key) => data.tokens[key]).join(""),
      a: data.quiz ? toTokens(state.answers, quizKey) : {},
      d: toTokens(state.decisions, (key) => key),
      q: state.score,
    });
  }

  function announce(text) {
    const region = document.getElementById("announcer");
    region.textContent = "";
    window.setTimeout(() => { region.textContent = text; }, 50);
  }

  // --- status --------------------------------------------------------------------------
  const quizDone = () => !data.quiz || state.score !== null;
  const complete = () => state.seen.size === keys.length && quizDone();
  const passMark = () => Player.passMark;
  const passed = () => (data.quiz && state.score !== null ? state.score >= passMark() : null);

  function save() {
    connection.saveProgress({
      location: state.location, suspendData: suspendData(), progress: state.seen.size / keys.length,
    });
    const status = { complete: complete(), passed: passed() };
    if (JSON.stringify(status) !== reported) {
      connection.reportStatus(status);
      reported = JSON.stringify(status);
    }
    connection.commit();
  }

  function recordInteraction(record) {
    connection.recordInteraction({ ...record, latencyMs: Date.now() - screenShownAt });
  }

  // --- navigation ----------------------------------------------------------------------
  function show(index, moveFocus) {
    if (index < 0 || index >= screens.length || index === current) return;
    if (current >= 0) screens[current].hidden = true;
    current = index;
    const screen = screens[index];
    screen.hidden = false;
    state.location = keys[index];
    state.seen.add(keys[index]);
    screenShownAt = Date.now();
    for (const part of parts) part.onShow?.(screen);
    updateChrome();
    if (moveFocus) screen.querySelector("h2").focus();
    save();
  }

  function updateChrome() {
    document.getElementById("previous").disabled = current === 0;
    document.getElementById("next").disabled = current === screens.length - 1;
    document.getElementById("position").textContent = t("screen_of", { n: current + 1, total: screens.length });
    document.getElementById("progress").value = state.seen.size;
    document.getElementById("progress-text").textContent =
      t("percent_done", { percent: Math.round((100 * state.seen.size) / screens.length) });
    for (const badge of document.querySelectorAll("[data-status-for]")) {
      const itemKeys = keys.filter((key) => key.startsWith(`${badge.dataset.statusFor}/`));
      const seen = itemKeys.filter((key) => state.seen.has(key)).length;
      badge.textContent = t(seen === 0 ? "status_not_started" : seen === itemKeys.length ? "status_done" : "status_busy");
    }
  }

  function setMenu(open) {
    document.getElementById("menu").hidden = !open;
    document.getElementById("menu-button").setAttribute("aria-expanded", String(open));
  }

  function finish() {
    if (finished) return;
    finished = true;
    connection.finish(complete());
  }

  // --- wiring --------------------------------------------------------------------------
  function init() {
    const lms = window.Lms.connect(data.format.version, data.storageKey);
    connection = lms.connection;
    Player.passMark = lms.started.passMark ?? (data.quiz ? data.quiz.passMark : null);
    if (lms.started.suspendData) restore(lms.started.suspendData);
    for (const part of parts) part.init?.();
    document.getElementById("previous").addEventListener("click", () => show(current - 1, true));
    document.getElementById("next").addEventListener("click", () => show(current + 1, true));
    document.getElementById("menu-button").addEventListener("click", () =>
      setMenu(document.getElementById("menu").hidden));
    for (const link of document.querySelectorAll("[data-goto]")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        setMenu(false);
        show(keys.indexOf(link.dataset.goto), true);
      });
    }
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !document.getElementById("menu").hidden) {
        setMenu(false);
        document.getElementById("menu-button").focus();
      }
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && !finished) connection.commit();
    });
    window.addEventListener("pagehide", finish);
    const resumeAt = keys.indexOf(lms.started.location);
    screens[0].hidden = true;
    show(resumeAt >= 0 ? resumeAt : 0, false);
    document.documentElement.dataset.player = "ready";
  }

  const Player = {
    data, state, t, announce, save, recordInteraction, passed, passMark: null,
    register: (part) => parts.push(part),
    get connection() { return connection; },
  };
  window.Player = Player;
  // Deferred scripts run in order before DOMContentLoaded, so every part has registered by then.
  document.addEventListener("DOMContentLoaded", init);
})();
