"use strict";
// The preview LMS's player: scorm-again is the SCO's API; every commit is POSTed to the
// preview server (lmsCommitUrl), the stored attempt is loaded before the SCO's frame opens.
(() => {
  let launch = JSON.parse(document.getElementById("launch").textContent);
  const frame = document.getElementById("sco");
  let finished = false;

  // One SCORM session: a fresh API with the stored attempt loaded, then the SCO in the frame.
  function start() {
    const is12 = launch.version === "1.2";
    const settings = {
      lmsCommitUrl: launch.commitUrl,
      // scorm-again sends the session's last commit as a beacon; this marks it for the server.
      terminateCommitParam: "terminate",
      autocommit: false,
      // The 1.2 constructor turns mastery_override on when given settings (scorm-notes §8);
      // the preview must show the status the SCO itself reported.
      mastery_override: false,
      selfReportSessionTime: false,
      // Errors only: a SCO reading a still-empty element (2004 error 403) is normal, not news.
      logLevel: 4,
    };
    const api = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    api.loadFromFlattenedJSON(launch.data, "");
    finished = false;
    api.on(is12 ? "LMSFinish" : "Terminate", () => { finished = true; });
    window[is12 ? "API" : "API_1484_11"] = api;
    frame.src = launch.sco;
  }

  const pause = (ms) => new Promise((resolve) => { window.setTimeout(resolve, ms); });

  async function until(test, timeoutMs) {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await pause(5)) {
      if (await test()) return;
    }
  }

  async function serverHasFinalCommit() {
    const response = await fetch(launch.sessionsUrl, { cache: "no-store" });
    return response.ok && (await response.json()).sessionsFinished > launch.sessionsFinished;
  }

  // Unload the SCO (it finishes on pagehide), then wait until its last commit is stored,
  // so the next page shows it and a relaunch resumes from it.
  async function finish() {
    frame.src = "about:blank";
    await until(() => finished, 3000);
    if (finished) await until(serverHasFinalCommit, 3000);
  }

  let leaving = false;
  let relaunching = false;
  let leaveTo = null; // where Leave (or a module link) asked to go while a relaunch ran
  async function leave(to) {
    if (relaunching) {
      leaveTo = to;
      return;
    }
    if (leaving) return;
    leaving = true;
    await finish();
    window.location.href = to;
  }
  document.getElementById("leave").addEventListener("click", () => leave(launch.leaveTo));
  // Another module of a whole-course package: this SCO's last commit is stored first, so the
  // server's sequencing sees a module that was just completed.
  for (const link of document.querySelectorAll(".toc a")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      leave(link.href);
    });
  }

  // A rebuilt package opens in the same frame, resuming where the learner was; the page
  // (and scorm-again with it) stays loaded, which keeps the way to the screen short.
  let again = false;
  async function relaunch() {
    if (leaving) return;
    if (relaunching) {
      again = true; // a newer build came while relaunching: open that one too
      return;
    }
    relaunching = true;
    try {
      await finish();
      const response = await fetch(launch.launchUrl, { cache: "no-store" });
      if (!response.ok) throw new Error(`${response.status}`);
      launch = await response.json();
      start();
    } catch {
      // Gone from the build, or the server is restarting: the reloaded page says which.
      window.location.reload();
      return;
    } finally {
      relaunching = false;
    }
    if (leaveTo) {
      leave(leaveTo);
    } else if (again) {
      again = false;
      relaunch();
    }
  }

  // With --watch the server pushes every build: a good one that rebuilt this package
  // relaunches it, a failed one shows its problems over the last good one, which keeps playing.
  if (launch.buildNumber !== null) {
    const overlay = document.getElementById("build-problems");
    const events = new EventSource(`/events?build=${launch.buildNumber}`);
    events.addEventListener("build", (event) => {
      const { build, problems, changed } = JSON.parse(event.data);
      document.body.dataset.build = String(build); // the latest build this page knows of
      overlay.hidden = problems.length === 0;
      if (problems.length === 0) {
        if (changed === null || changed.includes(launch.package)) relaunch();
        return;
      }
      overlay.querySelector("ul").replaceChildren(...problems.map((problem) => {
        const item = document.createElement("li");
        item.textContent = problem;
        return item;
      }));
    });
    overlay.querySelector("button").addEventListener("click", () => { overlay.hidden = true; });
  }

  start();
})();
