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
  // For quiz questions: every option's feedback, with a verdict against the correct ids.
  reveal: (form, question, chosen) => window.ChoiceInputs.showFeedback(form, chosen, question.correct),
  // Lock the form and reveal feedback: on every option when the right ones are known (a quiz
  // question), else only on the chosen one (a case decision, where no choice is "correct").
  showFeedback(form, chosen, correctOptions) {
    const { t } = window.Player;
    for (const input of form.querySelectorAll("input")) input.disabled = true;
    form.querySelector("button[type=submit]").hidden = true;
    form.querySelector(".form-message").textContent = "";
    for (const feedback of form.querySelectorAll(".option-feedback")) {
      const id = feedback.dataset.feedbackFor;
      const verdict = feedback.querySelector(".option-verdict");
      if (verdict && correctOptions) {
        verdict.textContent = `${chosen.includes(id) ? `${t("your_choice")} – ` : ""}${
          correctOptions.includes(id) ? t("correct_option") : t("incorrect")}.`;
      }
      feedback.hidden = correctOptions ? false : !chosen.includes(id);
      feedback.closest(".option").classList.toggle("is-chosen", chosen.includes(id));
    }
  },
};
