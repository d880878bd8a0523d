"use strict";
// One <select> per source. The answer has one target id per source, in authored order ("acb").
window.QuestionTypes.matching = {
  selects: (form, question) => question.sources.map((id) => form.querySelector(`select[data-source="${id}"]`)),
  read(form, question) {
    const answer = this.selects(form, question).map((select) => select.value).join("");
    return answer.length === question.sources.length ? answer : null; // every source paired
  },
  restore(form, question, answer) {
    this.selects(form, question).forEach((select, n) => { select.value = answer[n]; });
  },
  reveal(form, question, answer) {
    const { t } = window.Player;
    this.selects(form, question).forEach((select, n) => {
      const feedback = select.nextElementSibling;
      const right = select.querySelector(`option[value="${question.correct[n]}"]`).textContent;
      feedback.textContent = answer[n] === question.correct[n]
        ? `${t("correct")}.` : `${t("incorrect")}. ${t("right_answer", { answer: right })}`;
      feedback.hidden = false;
    });
  },
  score: (question, answer) => (answer === question.correct ? 1 : 0),
  format: (question, answer, fmt) =>
    question.sources.map((id, n) => `${id}${fmt.pair_separator}${answer[n]}`).join(fmt.list_separator),
};
