"use strict";
// The LMS connection: SCORM 1.2, SCORM 2004 and a browser-only fallback behind one interface.
// start() -> {resumed, location, suspendData, passMark}; saveProgress(); recordInteraction();
// reportScore(); reportStatus(); commit(); finish(). The player never touches cmi names.
(() => {
  const MAX_HOPS = 500;

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

  class ScormConnection {
    constructor(api, names) {
      this.api = api;
      this.names = names;
      this.active = false;
      this.startedAt = Date.now();
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

    set(element, value) {
      return this.call("set", element, String(value)) === "true";
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
      const entry = this.get(this.names.entry);
      const suspendData = entry === "ab-initio" ? "" : this.get("cmi.suspend_data");
      const location = entry === "ab-initio" ? "" : this.get(this.names.location);
      this.markStarted();
      this.set(this.names.exit, "suspend"); // so a crash or closed tab still resumes
      return { resumed: Boolean(suspendData), location, suspendData, passMark: this.passMark() };
    }

    saveProgress({ location, suspendData, progress }) {
      this.set(this.names.location, location);
      this.set("cmi.suspend_data", suspendData);
      this.setProgress(progress);
    }

    recordInteraction(record) {
      const index = Number(this.get("cmi.interactions._count")) || 0;
      const prefix = `cmi.interactions.${index}.`;
      this.set(`${prefix}id`, record.id);
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

    commit() {
      return this.call("commit", "") === "true";
    }

    finish(complete) {
      if (!this.active) return;
      this.set(this.names.sessionTime, this.duration(Date.now() - this.startedAt));
      this.set(this.names.exit, complete ? this.names.exitDone : "suspend");
      this.call("finish", "");
      this.active = false;
    }
  }

  class Scorm12Connection extends ScormConnection {
    constructor(api) {
      super(api, {
        init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
        finish: "LMSFinish", lastError: "LMSGetLastError", errorString: "LMSGetErrorString",
        entry: "cmi.core.entry", location: "cmi.core.lesson_location", exit: "cmi.core.exit",
        exitDone: "", sessionTime: "cmi.core.session_time", timestamp: "time",
        response: "student_response", description: null,
      });
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

    reportScore(percent) {
      this.set("cmi.core.score.raw", percent);
      this.set("cmi.core.score.min", 0);
      this.set("cmi.core.score.max", 100);
    }

    // One status in 1.2: incomplete until the module is done, then passed or failed.
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
    constructor(api) {
      super(api, {
        init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
        finish: "Terminate", lastError: "GetLastError", errorString: "GetErrorString",
        entry: "cmi.entry", location: "cmi.location", exit: "cmi.exit", exitDone: "normal",
        sessionTime: "cmi.session_time", timestamp: "timestamp", response: "learner_response",
        description: "description",
      });
    }

    markStarted() {
      const status = this.get("cmi.completion_status");
      if (status === "unknown" || status === "not attempted" || status === "") {
        this.set("cmi.completion_status", "incomplete");
      }
    }

    passMark() {
      const value = this.get("cmi.scaled_passing_score");
      return value === "" ? null : Math.round(Number(value) * 100);
    }

    setProgress(progress) {
      this.set("cmi.progress_measure", progress.toFixed(4).replace(/\.?0+$/, "") || "0");
    }

    reportScore(percent) {
      this.set("cmi.score.scaled", percent / 100);
      this.set("cmi.score.raw", percent);
      this.set("cmi.score.min", 0);
      this.set("cmi.score.max", 100);
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

  // Without an LMS the course keeps its state in localStorage under one key per module.
  class LocalConnection {
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

    start() {
      const saved = this.read();
      return { resumed: Boolean(saved.suspendData), location: saved.location || "",
        suspendData: saved.suspendData || "", passMark: null };
    }

    saveProgress({ location, suspendData }) {
      this.write({ location, suspendData });
    }

    recordInteraction() {}

    reportScore(percent) {
      this.write({ score: percent });
    }

    reportStatus(status) {
      this.write(status);
    }

    commit() {
      return true;
    }

    finish() {}
  }

  window.Lms = {
    connect(version, storageKey) {
      const api = findApi(version === "1.2" ? "API" : "API_1484_11");
      if (api) {
        const connection = version === "1.2" ? new Scorm12Connection(api) : new Scorm2004Connection(api);
        const started = connection.start();
        if (started) return { connection, started, standalone: false };
      }
      const connection = new LocalConnection(storageKey);
      return { connection, started: connection.start(), standalone: true };
    },
  };
})();
