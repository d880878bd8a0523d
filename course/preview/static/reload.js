"use strict";
// With --watch: the server pushes each new build (Server-Sent Events); this page reloads once
// the build is complete (the players take its first step, the module packages, at once).
(() => {
  const events = new EventSource(`/events?build=${document.body.dataset.build}`);
  events.addEventListener("build", (event) => {
    if (JSON.parse(event.data).complete) window.location.reload();
  });
})();
