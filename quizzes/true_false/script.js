"use strict";
// The answer is a boolean; the options' ids are "true" and "false".
window.QuestionTypes.true_false = {
  read(form) {
    const value = window.ChoiceInputs.read(form)[0];
    return value === undefined ? null : value === "true";
  },
  restore: (form, question, answer) => window.ChoiceInputs.restore(form, [String(answer)]),
  reveal: (form, question, answer) => window.ChoiceInputs.reveal(form, question, [String(answer)]),
  score: (question, answer) => (String(answer) === question.correct[0] ? 1 : 0),
  format: (question, answer, fmt) => (answer ? fmt.true_token : fmt.false_token),
};
