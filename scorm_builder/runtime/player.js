"use strict";
// The learner runtime: shows one screen at a time, keeps the learner's state, and reports
// progress, answers and results through window.Lms (scorm.js). No dependencies.
(() => {
  const data = JSON.parse(document.getElementById("course-data").textContent);
  const screens = [...document.querySelectorAll("main > .screen")];
  const keys = screens.map((screen) => screen.dataset.key);
  const messages = data.messages;
  const t = (key, values = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

  const state = { location: keys[0], seen: new Set(), answers: {}, decisions: {}, score: null };
  const { connection, started } = window.Lms.connect(data.format.version, data.storageKey);
  const passMark = started.passMark ?? (data.quiz ? data.quiz.passMark : null);
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

  const announce = (text) => {
    const region = document.getElementById("announcer");
    region.textContent = "";
    window.setTimeout(() => { region.textContent = text; }, 50);
  };

  // --- status --------------------------------------------------------------------------
  const quizDone = () => !data.quiz || state.score !== null;
  const complete = () => state.seen.size === keys.length && quizDone();
  const passed = () => (data.quiz && state.score !== null ? state.score >= passMark : null);

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
    if (screen.querySelector(".quiz-result")) renderResult(screen.querySelector(".quiz-result"));
    updateChrome();
    if (moveFocus) screen.querySelector("h2").focus();
    save();
  }

  function updateChrome() {
    document.getElementById("previous").disabled = current === 0;
    document.getElementById("next").disabled = current === screens.length - 1;
    document.getElementById("position").textContent = t("screen_of", { n: current + 1, total: screens.length });
    const progress = document.getElementById("progress");
    progress.value = state.seen.size;
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

  // --- questions and decisions ---------------------------------------------------------
  function showFeedback(form, chosen, correctOptions) {
    for (const input of form.querySelectorAll("input")) input.disabled = true;
    form.querySelector("button[type=submit]").hidden = true;
    form.querySelector(".form-message").textContent = "";
    for (const feedback of form.querySelectorAll(".option-feedback")) {
      const id = feedback.dataset.feedbackFor;
      const verdict = feedback.querySelector(".option-verdict");
      if (verdict && correctOptions) {
        verdict.textContent = `${chosen.includes(id) ? `${t("your_choice")} – ` : ""}${
          correctOptions.includes(id) ? t("correct_option") : t("incorrect")}.`;
      }
      feedback.hidden = correctOptions ? false : !chosen.includes(id);
      feedback.closest(".option").classList.toggle("is-chosen", chosen.includes(id));
    }
  }

  function applyAnswer(form, question, answer) {
    const type = window.QuestionTypes[question.type];
    type.restore(form, answer);
    showFeedback(form, type.chosen(answer), type.correctOptions(question));
    const verdict = form.querySelector(".verdict");
    const right = type.score(question, answer) === 1;
    verdict.textContent = right ? t("correct") : t("incorrect");
    verdict.classList.toggle("is-correct", right);
    verdict.hidden = false;
    return verdict.textContent;
  }

  function onQuestion(form) {
    const question = data.questions[form.dataset.question];
    const type = window.QuestionTypes[question.type];
    const answer = type.read(form);
    if (answer === null) {
      form.querySelector(".form-message").textContent = t("answer_first");
      return;
    }
    state.answers[question.id] = answer;
    const verdict = applyAnswer(form, question, answer);
    const earned = type.score(question, answer);
    connection.recordInteraction({
      id: question.interactionId, type: question.interactionType, objectives: question.objectives,
      response: type.format(question, answer, data.format), correct: question.correctResponse,
      result: data.format.result_words[earned === 1 ? "correct" : "incorrect"],
      weighting: question.points, description: question.description, latencyMs: Date.now() - screenShownAt,
    });
    announce(verdict);
    save();
  }

  function applyDecision(form, choice) {
    form.querySelector(`input[value="${choice}"]`).checked = true;
    showFeedback(form, [choice], null);
  }

  function onDecision(form) {
    const step = data.decisions[form.dataset.decision];
    const choice = window.ChoiceInputs.read(form)[0];
    if (choice === undefined) {
      form.querySelector(".form-message").textContent = t("answer_first");
      return;
    }
    state.decisions[form.dataset.decision] = choice;
    applyDecision(form, choice);
    connection.recordInteraction({
      id: step.interactionId, type: "choice", objectives: step.objectives, response: choice,
      correct: null, result: data.format.result_words.neutral, description: step.description,
      latencyMs: Date.now() - screenShownAt,
    });
    announce(form.querySelector(`[data-feedback-for="${choice}"]`).textContent.trim());
    save();
  }

  // --- quiz result ---------------------------------------------------------------------
  function scorePercent() {
    let earned = 0;
    for (const id of data.quiz.questionIds) {
      const question = data.questions[id];
      earned += question.points * window.QuestionTypes[question.type].score(question, state.answers[id]);
    }
    return Math.round((earned / data.quiz.maxPoints) * 10000) / 100;
  }

  function renderResult(box) {
    const answered = data.quiz.questionIds.filter((id) => id in state.answers).length;
    const total = data.quiz.questionIds.length;
    box.querySelector(".answered-count").textContent = t("answered_count", { answered, total });
    const done = state.score !== null;
    box.querySelector(".finish-quiz").hidden = done;
    box.querySelector(".unanswered-hint").hidden = done || answered === total;
    box.querySelector(".result-summary").hidden = !done;
    if (!done) return;
    box.querySelector(".score-line").textContent = t("your_score", { score: state.score, pass_mark: passMark });
    box.querySelector(".pass-line").textContent = t(passed() ? "passed" : "failed");
    for (const item of box.querySelectorAll("[data-review]")) {
      const question = data.questions[item.dataset.review];
      const right = window.QuestionTypes[question.type].score(question, state.answers[question.id]) === 1;
      item.querySelector(".review-verdict").textContent = right ? t("correct") : t("incorrect");
    }
  }

  function onFinishQuiz(box) {
    if (data.quiz.questionIds.some((id) => !(id in state.answers))) {
      box.querySelector(".unanswered-hint").hidden = false;
      announce(t("unanswered_hint"));
      return;
    }
    state.score = scorePercent();
    connection.reportScore(state.score); // the score goes before the status, see save()
    renderResult(box);
    announce(`${t("your_score", { score: state.score, pass_mark: passMark })} ${t(passed() ? "passed" : "failed")}`);
    save();
  }

  // --- leaving -------------------------------------------------------------------------
  function finish() {
    if (finished) return;
    finished = true;
    connection.finish(complete());
  }

  // --- wiring --------------------------------------------------------------------------
  function init() {
    if (started.suspendData) restore(started.suspendData);
    for (const form of document.querySelectorAll("form.question")) {
      const question = data.questions[form.dataset.question];
      if (question.id in state.answers) applyAnswer(form, question, state.answers[question.id]);
      form.addEventListener("submit", (event) => { event.preventDefault(); onQuestion(form); });
    }
    for (const form of document.querySelectorAll("form.decision")) {
      const choice = state.decisions[form.dataset.decision];
      if (choice) applyDecision(form, choice);
      form.addEventListener("submit", (event) => { event.preventDefault(); onDecision(form); });
    }
    for (const box of document.querySelectorAll(".quiz-result")) {
      box.querySelector(".finish-quiz").addEventListener("click", () => onFinishQuiz(box));
    }
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
    const resumeAt = keys.indexOf(started.location);
    screens[0].hidden = true;
    show(resumeAt >= 0 ? resumeAt : 0, false);
    document.documentElement.dataset.player = "ready";
  }

  init();
})();
