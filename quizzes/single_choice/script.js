"use strict";
window.QuestionTypes.single_choice = {
  read: (form) => window.ChoiceInputs.read(form)[0] ?? null,
  restore: (form, answer) => window.ChoiceInputs.restore(form, [answer]),
  chosen: (answer) => [answer],
  correctOptions: (question) => question.correct,
  correctAnswer: (question) => question.correct[0],
  score: (question, answer) => (answer === question.correct[0] ? 1 : 0),
  format: (question, answer) => answer,
};
