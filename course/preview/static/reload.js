"use strict";
// With --watch: reload this page when the preview server has built the course again.
(() => {
  const shown = document.body.dataset.build;
  window.setInterval(async () => {
    try {
      const response = await fetch("/build", { cache: "no-store" });
      if (response.ok && String((await response.json()).build) !== shown) window.location.reload();
    } catch (error) {
      /* the server is restarting or stopped; try again on the next tick */
    }
  }, 1000);
})();
