"use strict";
// Shared by the question types whose answer is a set of checked inputs, and by case decisions.
window.QuestionTypes = window.QuestionTypes || {};
window.ChoiceInputs = {
  read(form) {
    return [...form.querySelectorAll("input:checked")].map((input) => input.value);
  },
  restore(form, values) {
    for (const input of form.querySelectorAll("input")) input.checked = values.includes(input.value);
  },
  // For quiz questions: every option's feedback, with a verdict against the correct ids.
  reveal: (form, question, chosen) => window.ChoiceInputs.showFeedback(form, chosen, question.correct),
  // Lock the form and show each option's state in words (icon and colour only repeat them), as
  // its input's description, so a screen reader tells it with the option: with the right ids
  // known (a quiz question) every option says whether it is right and whether it was chosen;
  // else (a case decision, an opinion) the chosen one says so.
  showFeedback(form, chosen, correct) {
    const { t } = window.Player;
    form.querySelector("button[type=submit]").hidden = true;
    form.querySelector(".form-message").textContent = "";
    for (const option of form.querySelectorAll(".option")) {
      const input = option.querySelector("input");
      const mine = chosen.includes(input.value);
      const right = correct?.includes(input.value);
      input.disabled = true;
      option.classList.toggle("is-chosen", mine);
      option.classList.toggle("is-right", right === true);
      option.classList.toggle("is-wrong", right === false);
      const state = option.querySelector(correct ? ".option-feedback" : ".chosen-tag");
      if (correct) {
        state.querySelector(".option-verdict").textContent =
          t(mine ? (right ? "chosen_right" : "chosen_wrong") : right ? "option_right" : "option_wrong");
      }
      state.hidden = !(correct || mine);
      input.setAttribute("aria-describedby", state.hidden ? "" : state.id);
    }
  },
};
