"use strict";
// A radio group per source. The answer has one target id per source, in authored order ("acb").
window.QuestionTypes.matching = {
  pairs: (form, question) => question.sources.map((id) => form.querySelector(`.pair[data-source="${id}"]`)),
  read(form, question) {
    const chosen = this.pairs(form, question).map((pair) => pair.querySelector("input:checked")?.value ?? "");
    const answer = chosen.join("");
    return answer.length === question.sources.length ? answer : null; // every source paired
  },
  restore(form, question, answer) {
    this.pairs(form, question).forEach((pair, n) => {
      for (const input of pair.querySelectorAll("input")) input.checked = input.value === answer[n];
    });
  },
  reveal(form, question, answer) {
    const { t } = window.Player;
    this.pairs(form, question).forEach((pair, n) => {
      const feedback = pair.querySelector(".option-feedback");
      const right = pair.querySelector(`input[value="${question.correct[n]}"]`).labels[0].textContent;
      const isRight = answer[n] === question.correct[n];
      const verdict = document.createElement("span");
      feedback.replaceChildren(verdict);
      verdict.className = "option-verdict";
      verdict.textContent = t(isRight ? "chosen_right" : "chosen_wrong");
      if (!isRight) feedback.append(` ${t("right_answer", { answer: right })}`);
      pair.classList.toggle("is-right", isRight);
      pair.classList.toggle("is-wrong", !isRight);
      pair.classList.add("is-chosen");
      feedback.id = `${form.dataset.question}-${pair.dataset.source}-state`;
      pair.querySelector("input:checked")?.setAttribute("aria-describedby", feedback.id);
      feedback.hidden = false;
    });
  },
  score: (question, answer) => (answer === question.correct ? 1 : 0),
  format: (question, answer, fmt) =>
    question.sources.map((id, n) => `${id}${fmt.pair_separator}${answer[n]}`).join(fmt.list_separator),
};
