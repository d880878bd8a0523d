"use strict";
// Up and down buttons move an item. The answer is the item ids in the learner's order ("cab").
window.QuestionTypes.ordering = {
  init(form) {
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-move]");
      if (!button) return;
      const item = button.closest("li");
      const list = item.parentElement;
      if (button.dataset.move === "up" && item.previousElementSibling) list.insertBefore(item, item.previousElementSibling);
      if (button.dataset.move === "down" && item.nextElementSibling) list.insertBefore(item.nextElementSibling, item);
      button.focus(); // moving the item took the focus away from its button
      window.Player.announce(window.Player.t("moved_to", {
        item: item.querySelector(".order-text").textContent, n: [...list.children].indexOf(item) + 1,
        total: list.children.length,
      }));
    });
  },
  read: (form) => [...form.querySelectorAll("[data-item]")].map((item) => item.dataset.item).join(""),
  restore(form, question, answer) {
    for (const id of answer) {
      const item = form.querySelector(`[data-item="${id}"]`);
      item.parentElement.append(item);
    }
  },
  reveal(form, question, answer) {
    const { t } = window.Player;
    [...answer].forEach((id, n) => {
      const feedback = form.querySelector(`[data-feedback-for="${id}"]`);
      const place = question.correct.indexOf(id) + 1;
      feedback.textContent = place === n + 1 ? `${t("correct")}.` : t("belongs_at", { n: place });
      feedback.hidden = false;
    });
  },
  score: (question, answer) => (answer === question.correct ? 1 : 0),
  format: (question, answer, fmt) => [...answer].join(fmt.list_separator),
};
