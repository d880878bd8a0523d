"use strict";
// Workshop cases: a decision per step, with feedback on the choice made.
(() => {
  const { data, state, t, announce, save, recordInteraction } = window.Player;

  function applyDecision(form, choice) {
    form.querySelector(`input[value="${choice}"]`).checked = true;
    window.ChoiceInputs.showFeedback(form, [choice], null);
  }

  function onDecision(form) {
    const step = data.decisions[form.dataset.decision];
    const choice = window.ChoiceInputs.read(form)[0];
    if (choice === undefined) {
      form.querySelector(".form-message").textContent = t("answer_first");
      return;
    }
    state.decisions[form.dataset.decision] = choice;
    applyDecision(form, choice);
    recordInteraction({
      id: step.interactionId, type: "choice", objectives: step.objectives, response: choice,
      correct: null, result: data.format.result_words.neutral, description: step.description,
    });
    announce(form.querySelector(`[data-feedback-for="${choice}"]`).textContent.trim());
    save();
  }

  window.Player.register({
    init() {
      for (const form of document.querySelectorAll("form.decision")) {
        const choice = state.decisions[form.dataset.decision];
        if (choice) applyDecision(form, choice);
        form.addEventListener("submit", (event) => { event.preventDefault(); onDecision(form); });
      }
    },
  });
})();
