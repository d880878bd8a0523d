"use strict";
// With --watch: the server pushes each new build (Server-Sent Events); this page then reloads.
(() => {
  const events = new EventSource(`/events?build=${document.body.dataset.build}`);
  events.addEventListener("build", () => window.location.reload());
})();
