"use strict";
// Learning objectives reported to the LMS (cmi.objectives): complete when every lesson and case
// that serves one is done; scored on the quiz questions that assess it, once the quiz is done.
(() => {
  const { data, state } = window.Player;

  function scoreOf(objective) {
    if (state.score === null || objective.questionIds.length === 0) return null;
    let earned = 0;
    let max = 0;
    for (const id of objective.questionIds) {
      const question = data.questions[id];
      max += question.points;
      earned += question.points * window.QuestionTypes[question.type].score(question, state.answers[id]);
    }
    return Math.round((earned / max) * 10000) / 100;
  }

  window.Player.register({
    onSave() {
      for (const objective of data.objectives) {
        const scorePercent = scoreOf(objective);
        window.Player.connection.reportObjective({
          id: objective.id,
          complete: objective.itemIds.every(window.Player.itemDone),
          scorePercent,
          passed: scorePercent === null ? null : scorePercent >= window.Player.passMark,
        });
      }
    },
  });
})();
