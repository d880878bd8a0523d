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
  // Lock the form and show each option's state in words (an icon and colour only repeat them):
  // when the right ones are known (a quiz question) every option says whether it is right and
  // whether it was chosen; else (a case decision, an opinion) only the chosen one is marked.
  // The words describe the option's input, so a screen reader gives them with its name.
  showFeedback(form, chosen, correctOptions) {
    const { t } = window.Player;
    form.querySelector("button[type=submit]").hidden = true;
    form.querySelector(".form-message").textContent = "";
    for (const option of form.querySelectorAll(".option")) {
      const input = option.querySelector("input");
      input.disabled = true;
      const isChosen = chosen.includes(input.value);
      const right = correctOptions?.includes(input.value);
      option.classList.toggle("is-chosen", isChosen);
      option.classList.toggle("is-right", right === true);
      option.classList.toggle("is-wrong", right === false);
      const feedback = option.querySelector(".option-feedback");
      let state = feedback;
      if (correctOptions && feedback) {
        feedback.querySelector(".option-verdict").textContent = isChosen
          ? t(right ? "chosen_right" : "chosen_wrong") : t(right ? "option_right" : "option_wrong");
        feedback.hidden = false;
      } else {
        state = option.querySelector(".chosen-tag") ?? option.appendChild(document.createElement("span"));
        state.className = "chosen-tag";
        state.textContent = t("your_choice");
        state.hidden = !isChosen;
      }
      state.id = `${input.id}-state`;
      if (state.hidden) input.removeAttribute("aria-describedby");
      else input.setAttribute("aria-describedby", state.id);
    }
  },
  // Undo showFeedback for a new attempt.
  clear(form) {
    for (const option of form.querySelectorAll(".option")) {
      option.classList.remove("is-chosen", "is-right", "is-wrong");
      option.querySelector(".chosen-tag")?.remove();
      for (const input of option.querySelectorAll("input")) input.removeAttribute("aria-describedby");
    }
  },
};
