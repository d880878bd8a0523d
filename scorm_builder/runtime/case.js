"use strict";
// Workshop cases: a decision per step, with feedback on the choice made. A choice leads to the
// next step, an ending, or out of the case (data.decisions[key].leadsTo); the player follows the
// learner's path through turn().
(() => {
  const { data, state, t, announce, save, recordInteraction } = window.Player;
  const caseOf = (key) => key.split("/")[0];
  const endings = new Set(Object.values(data.cases).flatMap((entry) => entry.endings));

  // Mark the choice and show what it leads to in the panel under the options.
  function applyDecision(form, choice) {
    form.querySelector(`input[value="${choice}"]`).checked = true;
    window.ChoiceInputs.showFeedback(form, [choice], null);
    form.querySelector(`[data-feedback-for="${choice}"]`).hidden = false; // a decision is final
    form.querySelector(".consequence").hidden = false;
  }

  function onDecision(form) {
    const step = data.decisions[form.dataset.decision];
    const choice = window.ChoiceInputs.read(form)[0];
    if (choice === undefined) {
      form.querySelector(".form-message").textContent = t("decide_first");
      return;
    }
    state.decisions[form.dataset.decision] = choice;
    applyDecision(form, choice);
    recordInteraction({
      id: step.interactionId, type: "choice", objectives: step.objectives, response: choice,
      correct: null, result: data.format.result_words.neutral, description: step.description,
    });
    announce(`${t("what_happens")}: ${form.querySelector(`[data-feedback-for="${choice}"]`).textContent.trim()}`);
    save();
    form.querySelector(".consequence").scrollIntoView({ block: "nearest" });
  }

  // The most screens that can still follow an open decision: the longest branch.
  function longestAfter(key) {
    const targets = Object.values(data.decisions[key].leadsTo).filter((target) => target !== null);
    return Math.max(0, ...targets.map((target) => 1 + (data.decisions[target] ? longestAfter(target) : 0)));
  }

  function turn(key) {
    if (endings.has(key)) return { next: null, open: false, ahead: 0 };
    const step = data.decisions[key];
    if (!step) return null;
    const choice = state.decisions[key];
    if (choice === undefined) return { next: null, open: true, ahead: longestAfter(key) };
    return { next: step.leadsTo[choice], open: false, ahead: 0 };
  }

  // The decisions on the learner's path through one case, in the order they were made.
  const decidedIn = (caseId) =>
    window.Player.route().path.filter((key) => caseOf(key) === caseId && key in state.decisions);

  function showScore(paragraph) {
    const caseId = paragraph.dataset.caseScore;
    const points = decidedIn(caseId).reduce((sum, key) => sum + data.decisions[key].points[state.decisions[key]], 0);
    paragraph.textContent = t("case_score", { points, max: data.cases[caseId].maxPoints });
  }

  function showSummary(list) {
    const caseId = list.dataset.summaryCase;
    for (const key of decidedIn(caseId)) {
      const item = list.querySelector(`[data-summary-step="${key}"]`);
      const chosen = document.getElementById(`${key}-${state.decisions[key]}`).labels[0];
      item.querySelector(".summary-choice").textContent = chosen.textContent;
      item.hidden = false;
      list.append(item); // in path order
    }
    const { path, open } = window.Player.route();
    const ending = path.find((key) => endings.has(key) && caseOf(key) === caseId);
    const done = !open.some((key) => caseOf(key) === caseId);
    const outcome = ending
      ? t("case_ended", { title: document.querySelector(`[data-key="${ending}"] h2`).textContent })
      : t(done ? "case_done" : "case_not_done");
    list.parentElement.querySelector(`[data-summary-outcome="${caseId}"]`).textContent = outcome;
  }

  window.Player.register({
    turn,
    init() {
      for (const form of document.querySelectorAll("form.decision")) {
        const choice = state.decisions[form.dataset.decision];
        if (choice) applyDecision(form, choice);
        form.addEventListener("submit", (event) => { event.preventDefault(); onDecision(form); });
      }
    },
    onShow(screen) {
      for (const paragraph of screen.querySelectorAll("[data-case-score]")) showScore(paragraph);
      for (const list of screen.querySelectorAll("[data-summary-case]")) showSummary(list);
    },
  });
})();
