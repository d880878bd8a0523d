"use strict";
window.QuestionTypes.multiple_choice = {
  read(form) {
    const values = window.ChoiceInputs.read(form);
    return values.length ? values.sort() : null;
  },
  restore: (form, question, answer) => window.ChoiceInputs.restore(form, answer),
  reveal: (form, question, answer) => window.ChoiceInputs.reveal(form, question, answer),
  score(question, answer) {
    const given = new Set(answer);
    const same = given.size === question.correct.length && question.correct.every((id) => given.has(id));
    return same ? 1 : 0;
  },
  // Option order, not click order, as in the Python mapping.
  format: (question, answer, fmt) => [...new Set(answer)].sort().join(fmt.list_separator),
};
