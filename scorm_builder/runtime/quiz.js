"use strict";
// The quiz: questions with feedback per option, and the result screen that scores the quiz.
// Each question type's own script (quizzes/<type>/script.js) reads, scores and formats answers.
(() => {
  const { data, state, t, announce, save, recordInteraction } = window.Player;
  const typeOf = (question) => window.QuestionTypes[question.type];

  function applyAnswer(form, question, answer) {
    const type = typeOf(question);
    type.restore(form, answer);
    window.ChoiceInputs.showFeedback(form, type.chosen(answer), type.correctOptions(question));
    const verdict = form.querySelector(".verdict");
    const right = type.score(question, answer) === 1;
    verdict.textContent = right ? t("correct") : t("incorrect");
    verdict.classList.toggle("is-correct", right);
    verdict.hidden = false;
    return verdict.textContent;
  }

  function onQuestion(form) {
    const question = data.questions[form.dataset.question];
    const type = typeOf(question);
    const answer = type.read(form);
    if (answer === null) {
      form.querySelector(".form-message").textContent = t("answer_first");
      return;
    }
    state.answers[question.id] = answer;
    const verdict = applyAnswer(form, question, answer);
    const earned = type.score(question, answer);
    recordInteraction({
      id: question.interactionId, type: question.interactionType, objectives: question.objectives,
      response: type.format(question, answer, data.format), correct: question.correctResponse,
      result: data.format.result_words[earned === 1 ? "correct" : "incorrect"],
      weighting: question.points, description: question.description,
    });
    announce(verdict);
    save();
  }

  function scorePercent() {
    let earned = 0;
    for (const id of data.quiz.questionIds) {
      const question = data.questions[id];
      earned += question.points * typeOf(question).score(question, state.answers[id]);
    }
    return Math.round((earned / data.quiz.maxPoints) * 10000) / 100;
  }

  function scoreLine() {
    return t("your_score", { score: state.score, pass_mark: window.Player.passMark });
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
    box.querySelector(".score-line").textContent = scoreLine();
    box.querySelector(".pass-line").textContent = t(window.Player.passed() ? "passed" : "failed");
    for (const item of box.querySelectorAll("[data-review]")) {
      const question = data.questions[item.dataset.review];
      const right = typeOf(question).score(question, state.answers[question.id]) === 1;
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
    window.Player.connection.reportScore(state.score); // the score goes before the status (save)
    renderResult(box);
    announce(`${scoreLine()} ${t(window.Player.passed() ? "passed" : "failed")}`);
    save();
  }

  window.Player.register({
    init() {
      for (const form of document.querySelectorAll("form.question")) {
        const question = data.questions[form.dataset.question];
        if (question.id in state.answers) applyAnswer(form, question, state.answers[question.id]);
        form.addEventListener("submit", (event) => { event.preventDefault(); onQuestion(form); });
      }
      for (const box of document.querySelectorAll(".quiz-result")) {
        box.querySelector(".finish-quiz").addEventListener("click", () => onFinishQuiz(box));
      }
    },
    onShow(screen) {
      const box = screen.querySelector(".quiz-result");
      if (box) renderResult(box);
    },
  });
})();
