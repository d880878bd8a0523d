"use strict";
// The quiz: questions with feedback, and the result screen that scores the quiz, reviews the
// answers and offers a retry while attempts are left. Each question type's own script
// (quizzes/<type>/script.js) reads, restores, reveals, scores and formats its answers.
(() => {
  const { data, state, t, announce, save, recordInteraction } = window.Player;
  const quiz = data.quiz;
  const typeOf = (question) => window.QuestionTypes[question.type];
  const questionOf = (form) => data.questions[form.dataset.question];
  const newSeed = () => Math.floor(Math.random() * 36 ** 6).toString(36);
  // The attempt (from 1) and the seed its lists are shuffled by; both are saved ("qa", "qs"),
  // so a returning learner sees the same order as before.
  let attempt = 1;
  let seed = newSeed();

  // A seeded random generator: an FNV-1a hash of the text, then mulberry32.
  function randomFor(text) {
    let h = 2166136261;
    for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
    return () => {
      h = (h + 0x6d2b79f5) | 0;
      let x = Math.imul(h ^ (h >>> 15), 1 | h);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Shuffle each [data-shuffle] list of a question by this attempt's seed, starting from the
  // authored order so the seed alone decides. Never the authored order: for ordering questions
  // that is the answer.
  function arrange(form, question) {
    const random = randomFor(`${seed}/${question.id}`);
    for (const list of form.querySelectorAll("[data-shuffle]")) {
      const items = [...list.children].sort((a, b) => a.dataset.order - b.dataset.order);
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      if (items.every((item, n) => Number(item.dataset.order) === n)) items.push(items.shift());
      list.append(...items);
    }
  }

  // The fraction of its points an answer earns, or null when the question is not scored.
  const earned = (question, answer) => (question.scored ? typeOf(question).score(question, answer) : null);

  function verdictText(question, answer) {
    const score = earned(question, answer);
    return score === null ? t("answer_saved") : t(score === 1 ? "correct" : "incorrect");
  }

  // Lock the question and show the verdict and all feedback; returns the text to announce.
  function applyAnswer(form, question, answer) {
    const type = typeOf(question);
    type.restore(form, question, answer);
    form.querySelector("fieldset").disabled = true;
    form.querySelector("button[type=submit]").hidden = true;
    form.querySelector(".form-message").textContent = "";
    type.reveal(form, question, answer);
    const score = earned(question, answer);
    const panel = form.querySelector(".feedback-panel");
    panel.className = `feedback-panel${score === null ? "" : score === 1 ? " is-correct" : " is-incorrect"}`;
    panel.querySelector(".verdict").textContent = verdictText(question, answer);
    panel.hidden = false;
    return panel.textContent.replace(/\s+/g, " ").trim();
  }

  function clearAnswer(form, question) {
    form.reset();
    form.querySelector("fieldset").disabled = false;
    for (const input of form.querySelectorAll("input")) {
      input.disabled = false; // see ChoiceInputs
      input.removeAttribute("aria-describedby");
    }
    form.querySelector("button[type=submit]").hidden = false;
    for (const shown of form.querySelectorAll(".feedback-panel, .option-feedback, .chosen-tag")) shown.hidden = true;
    for (const option of form.querySelectorAll(".option")) option.classList.remove("is-chosen", "is-right", "is-wrong");
    arrange(form, question);
  }

  function onQuestion(form) {
    const question = questionOf(form);
    const type = typeOf(question);
    const answer = type.read(form, question);
    if (answer === null) {
      form.querySelector(".form-message").textContent = t("answer_first");
      return;
    }
    state.answers[question.id] = answer;
    const told = applyAnswer(form, question, answer);
    const score = earned(question, answer);
    recordInteraction({
      id: question.interactionId, type: question.interactionType, objectives: question.objectives,
      response: type.format(question, answer, data.format), correct: question.correctResponse,
      result: data.format.result_words[score === null ? "neutral" : score === 1 ? "correct" : "incorrect"],
      weighting: question.points, description: question.description, attempt,
    });
    announce(told);
    save();
    form.querySelector(".feedback-panel").scrollIntoView({ block: "nearest" });
  }

  function scorePercent() {
    let points = 0;
    for (const id of quiz.questionIds) {
      const question = data.questions[id];
      points += question.points * (earned(question, state.answers[id]) ?? 0);
    }
    return Math.round((points / quiz.maxPoints) * 10000) / 100;
  }

  function scoreLine() {
    return t("your_score", { score: state.score, pass_mark: window.Player.passMark });
  }

  const mayRetry = () => window.Player.passed() === false && (quiz.attempts === null || attempt < quiz.attempts);

  function renderResult(box) {
    const answered = quiz.questionIds.filter((id) => id in state.answers).length;
    const total = quiz.questionIds.length;
    box.querySelector(".answered-count").textContent = t("answered_count", { answered, total });
    const done = state.score !== null;
    box.querySelector(".finish-quiz").hidden = done;
    box.querySelector(".unanswered-hint").hidden = done || answered === total;
    box.querySelector(".result-summary").hidden = !done;
    if (!done) return;
    box.querySelector(".score-line").textContent = scoreLine();
    box.querySelector(".pass-line").textContent = t(window.Player.passed() ? "passed" : "failed");
    const attempts = box.querySelector(".attempts-line");
    attempts.hidden = quiz.attempts === null;
    attempts.textContent = t("attempt_of", { n: attempt, total: quiz.attempts });
    box.querySelector(".retry-quiz").hidden = !mayRetry();
    for (const item of box.querySelectorAll("[data-review]")) {
      const question = data.questions[item.dataset.review];
      item.querySelector(".review-verdict").textContent = verdictText(question, state.answers[question.id]);
    }
  }

  function onFinishQuiz(box) {
    if (quiz.questionIds.some((id) => !(id in state.answers))) {
      box.querySelector(".unanswered-hint").hidden = false;
      announce(t("unanswered_hint"));
      return;
    }
    state.score = scorePercent();
    window.Player.connection.reportScore(state.score); // the score goes before the status (save)
    renderResult(box);
    announce(`${scoreLine()} ${t(window.Player.passed() ? "passed" : "failed")}`);
    save();
  }

  // A new attempt: answers cleared, lists shuffled anew. The button's data-goto then takes the
  // player to the first question. The LMS keeps the last score until the next one is reported.
  function onRetry() {
    attempt += 1;
    seed = newSeed();
    for (const id of quiz.questionIds) delete state.answers[id];
    state.score = null;
    for (const form of document.querySelectorAll("form.question")) clearAnswer(form, questionOf(form));
    save();
  }

  window.Player.register({
    init() {
      for (const form of document.querySelectorAll("form.question")) {
        const question = questionOf(form);
        arrange(form, question);
        typeOf(question).init?.(form, question);
        if (question.id in state.answers) applyAnswer(form, question, state.answers[question.id]);
        form.addEventListener("submit", (event) => { event.preventDefault(); onQuestion(form); });
      }
      for (const box of document.querySelectorAll(".quiz-result")) {
        box.querySelector(".finish-quiz").addEventListener("click", () => onFinishQuiz(box));
        box.querySelector(".retry-quiz").addEventListener("click", onRetry);
      }
    },
    onShow(screen) {
      const box = screen.querySelector(".quiz-result");
      if (box) renderResult(box);
    },
    retryOpen: mayRetry,
    saveState: () => ({ qa: attempt, qs: seed }),
    restoreState(saved) {
      if (Number.isInteger(saved.qa)) attempt = saved.qa;
      if (typeof saved.qs === "string") seed = saved.qs;
    },
  });
})();
