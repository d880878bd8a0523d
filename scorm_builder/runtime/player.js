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
  const itemOf = (key) => key.split("/")[0];
  const byId = (id) => document.getElementById(id);

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
      for (const part of parts) part.restoreState?.(saved);
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
      ...Object.assign({}, ...parts.map((part) => part.saveState?.())), // a part's own fields
    });
  }

  function announce(text) {
    const region = document.getElementById("announcer");
    region.textContent = "";
    window.setTimeout(() => { region.textContent = text; }, 50);
  }

  // --- the learner's route ---------------------------------------------------------------
  // A branching part (case.js) says where one of its screens leads: {next: a screen key, or null
  // to go on after the item; open: a decision is still to be made there; ahead: how many more
  // screens of the item may still follow}. Any other screen leads to the one after it.
  function turnAt(key) {
    for (const part of parts) {
      const turn = part.turn?.(key);
      if (turn) return turn;
    }
    return null;
  }

  function afterItem(index) {
    let next = index + 1;
    while (next < keys.length && itemOf(keys[next]) === itemOf(keys[index])) next += 1;
    return next;
  }

  // The screens on the learner's path so far, the open decisions on it and the most screens
  // those may still add. Screens of branches not taken are not on it. Ends because case graphs
  // have no loops (course check).
  function route() {
    const path = [];
    const open = [];
    let ahead = 0;
    for (let index = 0; index < keys.length;) {
      const turn = turnAt(keys[index]);
      path.push(keys[index]);
      if (turn?.open) open.push(keys[index]);
      ahead += turn?.ahead ?? 0;
      index = !turn ? index + 1 : turn.next ? keys.indexOf(turn.next) : afterItem(index);
    }
    return { path, open, ahead };
  }

  // --- status --------------------------------------------------------------------------
  // Progress counts the screens on the path that are done: seen, and for a screen that asks
  // something (a question, a decision, the quiz's result) answered too, so it shows what
  // completion needs. The closing summary does not count.
  function settled(key) {
    const [item, part] = key.split("/");
    if (item === data.quiz?.id) return part === "result" ? state.score !== null : !(part in data.questions) || part in state.answers;
    return !(key in data.decisions) || key in state.decisions;
  }

  function progress() {
    const { path, open, ahead } = route();
    const counted = path.filter((key) => key !== data.closingKey);
    const viewed = counted.filter((key) => state.seen.has(key));
    const seen = viewed.filter(settled).length;
    return { path, open, seen, total: counted.length + ahead, allSeen: viewed.length === counted.length };
  }

  const quizDone = () => !data.quiz || state.score !== null;
  const complete = () => {
    const { open, allSeen } = progress();
    return allSeen && open.length === 0 && quizDone();
  };
  const passMark = () => Player.passMark;
  const passed = () => (data.quiz && state.score !== null ? state.score >= passMark() : null);

  function itemStatus(itemId, { path, open }) {
    const onPath = path.filter((key) => itemOf(key) === itemId);
    const seen = onPath.filter((key) => state.seen.has(key)).length;
    if (seen === 0) return "status_not_started";
    const done = seen === onPath.length && !open.some((key) => itemOf(key) === itemId) &&
      (itemId !== data.quiz?.id || quizDone());
    return done ? "status_done" : "status_busy";
  }

  function save() {
    updateChrome(); // a decision may change the path, so the chrome follows every change
    const { seen, total } = progress();
    // Progress reaches 1 only with completion: all seen but the quiz not done is not all done.
    const share = complete() ? 1 : Math.min(seen / total, 0.99);
    connection.saveProgress({ location: state.location, suspendData: suspendData(), progress: share });
    const status = { complete: complete(), passed: passed() };
    if (JSON.stringify(status) !== reported) {
      connection.reportStatus(status);
      reported = JSON.stringify(status);
    }
    for (const part of parts) part.onSave?.();
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
    showSummary(screen);
    if (moveFocus) screen.querySelector("h2").focus();
    save();
  }

  // Previous and Next follow the path. Next on a question or decision with an answer chosen
  // or typed but not yet confirmed confirms it and stays, so the learner sees its feedback;
  // Next waits at a decision until it is made.
  function go(step) {
    const { path } = route();
    const screen = screens[current];
    const form = screen.querySelector("form");
    const chosen = form?.querySelector(":checked") || form?.querySelector("[type=text]")?.value.trim();
    if (step > 0 && chosen && !form.querySelector("[type=submit]").hidden) {
      form.requestSubmit();
      return;
    }
    if (step > 0 && turnAt(keys[current])?.open) {
      screen.querySelector(".form-message").textContent = t("decide_first");
      return;
    }
    const target = path[path.indexOf(keys[current]) + step];
    if (target) show(keys.indexOf(target), true);
  }

  function updateChrome() {
    const status = progress();
    const position = status.path.indexOf(keys[current]);
    byId("previous").disabled = position <= 0;
    byId("next").disabled = position === status.path.length - 1;
    // On screen the short "3 / 12" that fits beside the buttons; screen readers get words.
    byId("position-short").textContent = `${position + 1} / ${status.total + 1}`;
    byId("position-words").textContent = t("screen_of", { n: position + 1, total: status.total + 1 });
    byId("progress").max = status.total;
    byId("progress").value = status.seen;
    byId("progress-text").textContent = t("percent_done", { percent: Math.round((100 * status.seen) / status.total) });
    for (const badge of document.querySelectorAll("[data-status-for]")) {
      badge.dataset.status = itemStatus(badge.dataset.statusFor, status);
      badge.textContent = t(badge.dataset.status);
    }
  }

  function showSummary(screen) {
    const box = screen.querySelector(".closing-summary");
    if (!box) return;
    box.querySelector(".closing-status").textContent = t(complete() ? "closing_done" : "closing_not_done");
    const score = box.querySelector(".closing-score");
    if (score) {
      score.textContent = state.score === null ? t("quiz_not_done")
        : `${t("your_score", { score: state.score, pass_mark: passMark() })} ${t(passed() ? "passed" : "failed")}`;
    }
  }

  function setMenu(open) {
    byId("menu").hidden = !open;
    byId("menu-button").setAttribute("aria-expanded", String(open));
  }

  function wireGlossary() {
    const dialog = byId("glossary");
    if (!dialog) return;
    const opener = byId("glossary-button");
    opener.addEventListener("click", () => dialog.showModal());
    byId("glossary-close").addEventListener("click", () => dialog.close());
    // A modal dialog closes on Escape by itself; either way focus goes back to its button.
    dialog.addEventListener("close", () => opener.focus());
  }

  // A learner who failed and may still retry is not done: their attempt must stay open.
  const done = () => complete() && !parts.some((part) => part.retryOpen?.());

  function finish() {
    if (finished) return;
    finished = true;
    connection.finish(done());
  }

  // --- wiring --------------------------------------------------------------------------
  function init() {
    const lms = window.Lms.connect(data.format.version, data.storageKey);
    connection = lms.connection;
    Player.passMark = lms.started.passMark ?? (data.quiz ? data.quiz.passMark : null);
    if (lms.started.suspendData) restore(lms.started.suspendData);
    for (const part of parts) part.init?.();
    byId("previous").addEventListener("click", () => go(-1));
    byId("next").addEventListener("click", () => go(1));
    byId("menu-button").addEventListener("click", () => setMenu(byId("menu").hidden));
    wireGlossary();
    for (const button of document.querySelectorAll(".print-summary")) {
      button.addEventListener("click", () => window.print());
    }
    for (const link of document.querySelectorAll("[data-goto]")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        setMenu(false);
        show(keys.indexOf(link.dataset.goto), true);
      });
    }
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !byId("menu").hidden && !event.target.closest("dialog")) { // Escape in the glossary closes only it
        setMenu(false);
        byId("menu-button").focus();
      }
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && !finished) connection.commit();
    });
    window.addEventListener("pagehide", finish);
    // Resume where the learner was, if that screen is still on their path.
    const resumeAt = route().path.includes(lms.started.location) ? keys.indexOf(lms.started.location) : 0;
    screens[0].hidden = true;
    show(resumeAt, false);
    document.documentElement.dataset.player = "ready";
  }

  const Player = {
    data, state, t, announce, save, recordInteraction, passed, route, passMark: null,
    itemDone: (itemId) => itemStatus(itemId, progress()) === "status_done",
    register: (part) => parts.push(part),
    get connection() { return connection; },
  };
  window.Player = Player;
  // Deferred scripts run in order before DOMContentLoaded, so every part has registered by then.
  document.addEventListener("DOMContentLoaded", init);
})();
