"use strict";
// Unscored: no score function; the quiz reports the answer as neutral.
window.QuestionTypes.likert = {
  read: (form) => window.ChoiceInputs.read(form)[0] ?? null,
  restore: (form, question, answer) => window.ChoiceInputs.restore(form, [answer]),
  reveal: (form, question, answer) => window.ChoiceInputs.showFeedback(form, [answer], null),
  format: (question, answer) => answer,
};
