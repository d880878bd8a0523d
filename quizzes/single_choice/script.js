"use strict";
window.QuestionTypes.single_choice = {
  read: (form) => window.ChoiceInputs.read(form)[0] ?? null,
  restore: (form, question, answer) => window.ChoiceInputs.restore(form, [answer]),
  reveal: (form, question, answer) => window.ChoiceInputs.reveal(form, question, [answer]),
  score: (question, answer) => (answer === question.correct[0] ? 1 : 0),
  format: (question, answer) => answer,
};
