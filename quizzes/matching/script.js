"use strict";
// A radio group per source. The answer has one target id per source, in authored order ("acb").
window.QuestionTypes.matching = {
  pairs: (form, question) => question.sources.map((id) => form.querySelector(`.pair[data-source="${id}"]`)),
  read(form, question) {
    const answer = this.pairs(form, question).map((pair) => pair.querySelector(":checked")?.value).join("");
    return answer.length === question.sources.length ? answer : null; // every source paired
  },
  restore(form, question, answer) {
    this.pairs(form, question).forEach((pair, n) => {
      for (const input of pair.querySelectorAll("input")) input.checked = input.value === answer[n];
    });
  },
  // Per source a verdict in words, also as the chosen input's description.
  reveal(form, question, answer) {
    const { t } = window.Player;
    this.pairs(form, question).forEach((pair, n) => {
      const right = answer[n] === question.correct[n];
      const feedback = pair.querySelector(".option-feedback");
      const [verdict, model] = feedback.children;
      verdict.textContent = t(right ? "chosen_right" : "chosen_wrong");
      model.textContent = right ? ""
        : t("right_answer", { answer: pair.querySelector(`[value="${question.correct[n]}"]`).labels[0].textContent });
      pair.className = `option pair is-chosen is-${right ? "right" : "wrong"}`;
      pair.querySelector(":checked").setAttribute("aria-describedby", feedback.id);
      feedback.hidden = false;
    });
  },
  score: (question, answer) => (answer === question.correct ? 1 : 0),
  format: (question, answer, fmt) =>
    question.sources.map((id, n) => `${id}${fmt.pair_separator}${answer[n]}`).join(fmt.list_separator),
};
