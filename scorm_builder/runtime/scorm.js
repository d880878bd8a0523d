"use strict";
// The LMS connection: SCORM 1.2, SCORM 2004 and a browser-only fallback behind one interface.
// start() -> {resumed, location, suspendData, passMark}; saveProgress(); recordInteraction();
// reportScore(); reportStatus(); commit(); finish(). The player never touches cmi names.
//
// LMSs fail: calls are refused, commits fail for a while, a reload finds the session already
// terminated. So every save also goes to a copy in this browser (localStorage), which knows
// whether the LMS has confirmed it. On the next start the newest copy wins: the browser's when
// it holds progress the LMS never confirmed (for the same learner) and the LMS still holds what
// it held then, else the LMS's, which then has newer progress, from another device.
(() => {
  const MAX_HOPS = 500;
  const COMMIT_RETRY_MS = [1000, 2000, 4000, 8000, 16000];

  function apiIn(win, name) {
    try {
      return win[name] || null;
    } catch (error) {
      return null; // a cross-origin frame throws SecurityError
    }
  }

  function walkParents(win, name) {
    let current = win;
    for (let hop = 0; current && hop < MAX_HOPS; hop += 1) {
      const api = apiIn(current, name);
      if (api) return api;
      let parent = null;
      try {
        parent = current.parent;
      } catch (error) {
        return null;
      }
      if (!parent || parent === current) return null;
      current = parent;
    }
    return null;
  }

  function findApi(name) {
    const found = walkParents(window, name);
    if (found) return found;
    try {
      const opener = window.top && window.top.opener;
      return opener ? walkParents(opener, name) : null;
    } catch (error) {
      return null;
    }
  }

  const pad = (value, length = 2) => String(value).padStart(length, "0");
  // A percentage (two decimals at most) as a 2004 scaled score, without float noise: 0.6667.
  const scaled = (percent) => Number((percent / 100).toFixed(4));

  // The learner's progress as kept in this browser: {learner, location, suspendData, score,
  // synced, base}; synced is false while the LMS has not confirmed the latest save, and base is
  // the suspend_data the LMS last confirmed (or held at the start).
  class BrowserCopy {
    constructor(storageKey) {
      this.storageKey = storageKey;
    }

    read() {
      try {
        return JSON.parse(window.localStorage.getItem(this.storageKey) || "{}");
      } catch (error) {
        return {};
      }
    }

    write(changes) {
      try {
        window.localStorage.setItem(this.storageKey, JSON.stringify({ ...this.read(), ...changes }));
      } catch (error) {
        /* storage full or blocked: the course still works for this visit */
      }
    }

    clear() {
      try {
        window.localStorage.removeItem(this.storageKey);
      } catch (error) {
        /* blocked storage holds nothing to clear */
      }
    }
  }

  class ScormConnection {
    constructor(api, names, copy) {
      this.api = api;
      this.names = names;
      this.copy = copy;
      this.active = false;
      this.startedAt = Date.now();
      this.accepted = {}; // element -> the value the LMS last accepted, to skip repeats
      this.refused = new Set(); // elements whose latest value the LMS refused
      this.retry = { timer: null, attempt: 0 };
      this.objectiveIndex = {};
      this.unsaved = false; // values set that no commit has confirmed yet
    }

    call(method, ...args) {
      if (!this.active) return "";
      let result;
      try {
        result = String(this.api[this.names[method]](...args));
      } catch (error) {
        console.warn(`[course] ${this.names[method]} failed: ${error}`);
        return "false";
      }
      if (method !== "get" && result !== "true") this.warnLast(`${this.names[method]}(${args[0] ?? ""})`);
      return result;
    }

    warnLast(what) {
      let code = "";
      let text = "";
      try {
        code = this.api[this.names.lastError]();
        text = this.api[this.names.errorString](code);
      } catch (error) {
        /* the error functions themselves failed; the warning below still says what */
      }
      console.warn(`[course] the LMS refused ${what}: error ${code} ${text}`);
    }

    get(element) {
      return this.call("get", element);
    }

    // A slow LMS makes every call cost; a value the LMS already holds is not sent again.
    set(element, value) {
      const text = String(value);
      if (this.accepted[element] === text) return true;
      const ok = this.call("set", element, text) === "true";
      if (ok) {
        this.accepted[element] = text;
        this.unsaved = true;
        this.refused.delete(element);
      } else {
        this.refused.add(element);
      }
      return ok;
    }

    start() {
      let ok = false;
      try {
        ok = String(this.api[this.names.init]("")) === "true";
      } catch (error) {
        ok = false;
      }
      this.active = ok;
      if (!ok) {
        console.warn("[course] the LMS did not initialise; progress is kept in this browser only");
        return null;
      }
      this.startedAt = Date.now();
      const learner = this.get(this.names.learner);
      // Saved progress is resumed whatever cmi.entry says: some LMSs answer "ab-initio" and
      // still hand back the learner's suspend_data, and dropping it would lose their work.
      const held = this.get("cmi.suspend_data"); // what the LMS holds now
      let suspendData = held;
      let location = this.get(this.names.location);
      const saved = this.copy.read();
      const lmsMovedOn = saved.base !== undefined && saved.base !== held;
      if (saved.learner !== learner) {
        this.copy.clear(); // another learner's progress on a shared computer is not theirs
        this.copy.write({ learner });
      } else if (saved.synced === false && saved.suspendData && !lmsMovedOn) {
        console.info("[course] resuming from progress this browser kept when the LMS could not save it");
        ({ suspendData, location } = saved);
        if (saved.score !== undefined && saved.score !== null) this.reportScore(saved.score);
      } else if (saved.synced === false && saved.suspendData) {
        console.info("[course] the LMS holds newer progress than this browser kept; resuming from the LMS");
        this.copy.clear();
        this.copy.write({ learner });
      }
      this.copy.write({ base: held });
      this.markStarted();
      this.set(this.names.exit, "suspend"); // so a crash or closed tab still resumes
      return { resumed: Boolean(suspendData), location, suspendData, passMark: this.passMark() };
    }

    saveProgress({ location, suspendData, progress }) {
      this.copy.write({ location, suspendData, synced: false });
      this.set(this.names.location, location);
      this.set("cmi.suspend_data", suspendData);
      this.setProgress(progress);
    }

    recordInteraction(record) {
      const id = this.interactionId(record);
      const index = this.interactionIndex(id);
      const prefix = `cmi.interactions.${index}.`;
      this.set(`${prefix}id`, id);
      this.set(`${prefix}type`, record.type);
      record.objectives.forEach((objective, n) => this.set(`${prefix}objectives.${n}.id`, objective));
      this.set(prefix + this.names.timestamp, this.timestamp(new Date()));
      if (record.weighting !== undefined) this.set(`${prefix}weighting`, record.weighting);
      this.set(prefix + this.names.response, record.response);
      if (record.correct !== null) this.set(`${prefix}correct_responses.0.pattern`, record.correct);
      this.set(`${prefix}result`, record.result);
      this.set(`${prefix}latency`, this.duration(record.latencyMs));
      if (record.description && this.names.description) this.set(`${prefix}description`, record.description);
    }

    reportScore(percent) {
      this.copy.write({ score: percent, synced: false });
      this.setScore(percent);
    }

    // SCORM 1.2 interactions are write-only: each answer is a new record, a journal. A retried
    // question's record carries the attempt in its id, since some LMSs refuse an id twice.
    interactionId({ id, attempt }) {
      return attempt > 1 ? `${id}.a${attempt}` : id;
    }

    interactionIndex() {
      return Number(this.get("cmi.interactions._count")) || 0;
    }

    // A learning objective is found by id or else appended, so the objectives an LMS already
    // lists (a 2004 manifest's own) keep their place. Unchanged values are not sent again.
    reportObjective(objective) {
      let index = this.objectiveIndex[objective.id];
      if (index === undefined) {
        const count = Number(this.get("cmi.objectives._count")) || 0;
        const ids = Array.from({ length: count }, (_, n) => this.get(`cmi.objectives.${n}.id`));
        index = ids.includes(objective.id) ? ids.indexOf(objective.id) : count;
        if (index === count) this.set(`cmi.objectives.${index}.id`, objective.id);
        this.objectiveIndex[objective.id] = index;
      }
      this.setObjective(`cmi.objectives.${index}.`, objective);
    }

    // A failed commit is tried again later, a few times, until one succeeds; a later save's
    // commit carries the same data, so it counts as a retry too.
    // Only when something was set since the last successful commit: a screen seen before, or
    // a tab hidden twice, costs the LMS nothing.
    commit() {
      if (!this.active) return false;
      if (!this.unsaved) {
        if (this.refused.size === 0) this.copy.write({ synced: true }); // the LMS holds it all
        return true;
      }
      window.clearTimeout(this.retry.timer);
      const ok = this.call("commit", "") === "true";
      if (ok) {
        this.unsaved = false;
        this.retry.attempt = 0;
        const held = this.accepted["cmi.suspend_data"];
        if (held !== undefined) this.copy.write({ base: held });
        if (this.refused.size === 0) this.copy.write({ synced: true });
      } else if (this.retry.attempt < COMMIT_RETRY_MS.length) {
        const delay = COMMIT_RETRY_MS[this.retry.attempt];
        this.retry.attempt += 1;
        console.warn(`[course] saving to the LMS failed; trying again in ${delay / 1000} s`);
        this.retry.timer = window.setTimeout(() => this.commit(), delay);
      }
      return ok;
    }

    // done: the learner has nothing left to do, so the attempt may end; otherwise it suspends.
    finish(done) {
      if (!this.active) return;
      window.clearTimeout(this.retry.timer);
      this.set(this.names.sessionTime, this.duration(Date.now() - this.startedAt));
      this.set(this.names.exit, done ? this.names.exitDone : "suspend");
      // Finishing commits too (in 1.2 as in 2004). No extra Commit here: during unload an LMS's
      // synchronous request for it is blocked by the browser, or refused (scorm-notes, pitfall 3).
      const ok = this.call("finish", "") === "true";
      this.active = false;
      if (ok && this.refused.size === 0) {
        // A finished module needs no browser copy: the next attempt starts afresh.
        if (done) this.copy.clear();
        else this.copy.write({ synced: true });
      }
    }
  }

  class Scorm12Connection extends ScormConnection {
    constructor(api, copy) {
      super(api, {
        init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
        finish: "LMSFinish", lastError: "LMSGetLastError", errorString: "LMSGetErrorString",
        entry: "cmi.core.entry", location: "cmi.core.lesson_location", exit: "cmi.core.exit",
        exitDone: "", sessionTime: "cmi.core.session_time", timestamp: "time",
        response: "student_response", description: null, learner: "cmi.core.student_id",
      }, copy);
    }

    markStarted() {
      const status = this.get("cmi.core.lesson_status");
      if (status === "" || status === "not attempted") this.set("cmi.core.lesson_status", "incomplete");
    }

    passMark() {
      const value = this.get("cmi.student_data.mastery_score");
      return value === "" ? null : Number(value);
    }

    setProgress() {
      /* SCORM 1.2 has no progress measure */
    }

    setScore(percent) {
      this.set("cmi.core.score.raw", percent);
      this.set("cmi.core.score.min", 0);
      this.set("cmi.core.score.max", 100);
    }

    // One status in 1.2: incomplete until the module is done, then passed or failed.
    setObjective(prefix, { complete, passed, scorePercent }) {
      if (scorePercent !== null) {
        this.set(`${prefix}score.raw`, scorePercent);
        this.set(`${prefix}score.min`, 0);
        this.set(`${prefix}score.max`, 100);
      }
      const done = complete ? "completed" : "incomplete";
      this.set(`${prefix}status`, passed === null ? done : passed ? "passed" : "failed");
    }

    reportStatus({ complete, passed }) {
      let status = "incomplete";
      if (complete) status = passed === null ? "completed" : passed ? "passed" : "failed";
      this.set("cmi.core.lesson_status", status);
    }

    timestamp(date) {
      return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    }

    // CMITimespan HHHH:MM:SS.SS, at most 9999 hours.
    duration(ms) {
      const centis = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360000 + 359999);
      const hours = Math.floor(centis / 360000);
      const minutes = Math.floor((centis % 360000) / 6000);
      const seconds = (centis % 6000) / 100;
      return `${pad(hours, 4)}:${pad(minutes)}:${seconds.toFixed(2).padStart(5, "0")}`;
    }
  }

  class Scorm2004Connection extends ScormConnection {
    constructor(api, copy) {
      super(api, {
        init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
        finish: "Terminate", lastError: "GetLastError", errorString: "GetErrorString",
        entry: "cmi.entry", location: "cmi.location", exit: "cmi.exit", exitDone: "normal",
        sessionTime: "cmi.session_time", timestamp: "timestamp", response: "learner_response",
        description: "description", learner: "cmi.learner_id",
      }, copy);
    }

    markStarted() {
      const status = this.get("cmi.completion_status");
      if (status === "unknown" || status === "not attempted" || status === "") {
        this.set("cmi.completion_status", "incomplete");
      }
    }

    passMark() {
      const value = this.get("cmi.scaled_passing_score");
      return value === "" ? null : Math.round(Number(value) * 10000) / 100; // 0.755 -> 75.5
    }

    setProgress(progress) {
      this.set("cmi.progress_measure", progress.toFixed(4).replace(/\.?0+$/, "") || "0");
    }

    setScore(percent) {
      this.set("cmi.score.scaled", scaled(percent));
      this.set("cmi.score.raw", percent);
      this.set("cmi.score.min", 0);
      this.set("cmi.score.max", 100);
    }

    // SCORM 2004 interactions can be read back: a retried question overwrites its record, so
    // every id stays unique (some LMSs refuse a second record with the same id).
    interactionId({ id }) {
      return id;
    }

    interactionIndex(id) {
      const count = Number(this.get("cmi.interactions._count")) || 0;
      const ids = Array.from({ length: count }, (_, n) => this.get(`cmi.interactions.${n}.id`));
      return ids.includes(id) ? ids.indexOf(id) : count;
    }

    setObjective(prefix, { complete, passed, scorePercent }) {
      if (scorePercent !== null) {
        this.set(`${prefix}score.scaled`, scaled(scorePercent));
        this.set(`${prefix}score.raw`, scorePercent);
        this.set(`${prefix}score.min`, 0);
        this.set(`${prefix}score.max`, 100);
      }
      this.set(`${prefix}completion_status`, complete ? "completed" : "incomplete");
      if (passed !== null) this.set(`${prefix}success_status`, passed ? "passed" : "failed");
    }

    // Two statuses in 2004: completion (all seen and the quiz done) and success (the score).
    reportStatus({ complete, passed }) {
      this.set("cmi.completion_status", complete ? "completed" : "incomplete");
      if (passed !== null) this.set("cmi.success_status", passed ? "passed" : "failed");
    }

    // The time zone may only follow fractional seconds: YYYY-MM-DDThh:mm:ss.s[TZD].
    timestamp(date) {
      const offset = -date.getTimezoneOffset();
      const zone = `${offset >= 0 ? "+" : "-"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${Math.floor(date.getMilliseconds() / 100)}${zone}`;
    }

    // ISO 8601 duration, at most two decimals on the seconds.
    duration(ms) {
      const centis = Math.max(0, Math.round(ms / 10));
      const hours = Math.floor(centis / 360000);
      const minutes = Math.floor((centis % 360000) / 6000);
      const seconds = Number(((centis % 6000) / 100).toFixed(2));
      return `PT${hours}H${minutes}M${seconds}S`;
    }
  }

  // Without an LMS (or when it would not start) the course keeps its state in this browser only.
  class LocalConnection {
    constructor(copy) {
      this.copy = copy;
    }

    start() {
      const saved = this.copy.read();
      return { resumed: Boolean(saved.suspendData), location: saved.location || "",
        suspendData: saved.suspendData || "", passMark: null };
    }

    // synced stays false: whatever is saved here, an LMS has yet to receive.
    saveProgress({ location, suspendData }) {
      this.copy.write({ location, suspendData, synced: false });
    }

    recordInteraction() {}

    reportScore(percent) {
      this.copy.write({ score: percent });
    }

    reportStatus() {}

    reportObjective() {}

    commit() {
      return true;
    }

    finish() {}
  }

  window.Lms = {
    // The connection of each version, so tests can check its formats (session time) directly.
    connections: { "1.2": Scorm12Connection, "2004": Scorm2004Connection },

    connect(version, storageKey) {
      const copy = new BrowserCopy(storageKey);
      const api = findApi(version === "1.2" ? "API" : "API_1484_11");
      if (api) {
        const connection = version === "1.2" ? new Scorm12Connection(api, copy) : new Scorm2004Connection(api, copy);
        const started = connection.start();
        if (started) return { connection, started, standalone: false };
      }
      const connection = new LocalConnection(copy);
      return { connection, started: connection.start(), standalone: true };
    },
  };
})();
