"use strict";
window.QuestionTypes.true_false = {
  read(form) {
    const value = window.ChoiceInputs.read(form)[0];
    return value === undefined ? null : value === "true";
  },
  restore: (form, answer) => window.ChoiceInputs.restore(form, [String(answer)]),
  chosen: (answer) => [String(answer)],
  correctOptions: (question) => [String(question.correct)],
  correctAnswer: (question) => question.correct,
  score: (question, answer) => (answer === question.correct ? 1 : 0),
  format: (question, answer, fmt) => (answer ? fmt.true_token : fmt.false_token),
};
