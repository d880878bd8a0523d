"use strict";
// The answer is the text as typed. Comparing and formatting follow short_text/__init__.py.
window.QuestionTypes.short_text = {
  words: (text) => text.normalize("NFC").split(/\s+/).filter(Boolean),
  normalise(question, text) {
    const joined = this.words(text).join(question.ignoreSpaces ? "" : " ");
    return question.caseMatters ? joined : joined.toLowerCase();
  },
  read: (form) => form.querySelector("input").value.trim() || null,
  restore(form, question, answer) {
    form.querySelector("input").value = answer;
  },
  reveal(form, question, answer) {
    const { t } = window.Player;
    const feedback = form.querySelector(".option-feedback");
    feedback.textContent = this.score(question, answer) ? "" : t("right_answer", { answer: question.model });
    feedback.hidden = feedback.textContent === "";
  },
  score(question, answer) {
    return question.accepted.includes(this.normalise(question, answer)) ? 1 : 0;
  },
  // One string, so "[,]" must not split it; 2004 must not see a "{lang=..}" block. The
  // limit counts UTF-16 code units and cuts no character in half, as fit() in Python.
  format(question, answer, fmt) {
    let text = this.words(answer).join(" ");
    while (text.includes("[,]")) text = text.replaceAll("[,]", ",");
    if (fmt.version === "2004") text = text.replace(/^[{ ]+/, "");
    let kept = "";
    for (const char of text) {
      if (kept.length + char.length > fmt.fill_in_max_length) break;
      kept += char;
    }
    return kept;
  },
};
