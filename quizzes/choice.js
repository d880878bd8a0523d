"use strict";
// Shared by the question types whose answer is a set of checked inputs.
window.QuestionTypes = window.QuestionTypes || {};
window.ChoiceInputs = {
  read(form) {
    return [...form.querySelectorAll("input:checked")].map((input) => input.value);
  },
  restore(form, values) {
    for (const input of form.querySelectorAll("input")) input.checked = values.includes(input.value);
  },
};
