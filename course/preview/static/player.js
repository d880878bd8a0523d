"use strict";
// The preview LMS's player: scorm-again is the SCO's API; every commit is POSTed to the
// preview server (lmsCommitUrl), the stored attempt is loaded before the SCO's frame opens.
(() => {
  const launch = JSON.parse(document.getElementById("launch").textContent);
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
  let finished = false;
  api.on(is12 ? "LMSFinish" : "Terminate", () => { finished = true; });
  window[is12 ? "API" : "API_1484_11"] = api;
  const frame = document.getElementById("sco");
  frame.src = launch.sco;

  const pause = (ms) => new Promise((resolve) => { window.setTimeout(resolve, ms); });

  async function until(test, timeoutMs) {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await pause(100)) {
      if (await test()) return;
    }
  }

  async function serverHasFinalCommit() {
    const response = await fetch(launch.sessionsUrl, { cache: "no-store" });
    return response.ok && (await response.json()).sessionsFinished > launch.sessionsFinished;
  }

  // Unload the SCO (it finishes on pagehide), then wait until its last commit is stored,
  // so the next page shows it and a relaunch resumes from it.
  let leaving = false;
  async function leave(to) {
    if (leaving) return;
    leaving = true;
    frame.src = "about:blank";
    await until(() => finished, 3000);
    if (finished) await until(serverHasFinalCommit, 3000);
    window.location.href = to;
  }

  document.getElementById("leave").addEventListener("click", () => leave(launch.leaveTo));

  if (launch.buildNumber !== null) {
    window.setInterval(async () => {
      const response = await fetch("/build", { cache: "no-store" });
      if (response.ok && (await response.json()).build !== launch.buildNumber) {
        leave(window.location.href); // relaunching resumes in the rebuilt package
      }
    }, 1000);
  }
})();
