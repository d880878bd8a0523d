"use strict";
// A minimal LMS page for tests: scorm-again as the API, every call recorded.
// The test calls startLms(version, seed, url, faults); it reads window.lms afterwards.
// faults make the LMS misbehave the way real ones do (all optional):
//   noApi: true          no API object at all
//   initialize: false    Initialize / LMSInitialize answers "false"
//   refuse: "cmi.x"      SetValue of elements starting with this answers "false" (error 405/406)
//   failCommits: n       the first n Commit / LMSCommit calls answer "false" (error 391/101)
//   slowMs: n            every call takes n ms (busy-waiting: the SCORM API is synchronous)
const METHODS = {
  "1.2": ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish",
          "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
  "2004": ["Initialize", "GetValue", "SetValue", "Commit", "Terminate",
           "GetLastError", "GetErrorString", "GetDiagnostic"],
};
const ERROR_METHODS = new Set(["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic",
  "GetLastError", "GetErrorString", "GetDiagnostic"]);

window.lms = { calls: [], log: [], committed: [], api: null };

function setPath(target, path, value) {
  const parts = path.split(".").slice(1); // drop "cmi"
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part];
  node[parts[parts.length - 1]] = value;
}

const SET = { "1.2": "LMSSetValue", "2004": "SetValue" };
const COMMIT = { "1.2": "LMSCommit", "2004": "Commit" };
const INIT = { "1.2": "LMSInitialize", "2004": "Initialize" };
const LAST_ERROR = { "1.2": "LMSGetLastError", "2004": "GetLastError" };
const REFUSED = { "1.2": "405", "2004": "406" };
const COMMIT_FAILED = { "1.2": "101", "2004": "391" };

function busyWait(ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* a slow LMS blocks the page, as synchronous XHR does */ }
}

// The answer of a faulty LMS to this call, or null to let scorm-again answer.
function faultyAnswer(version, faults, name, args) {
  if (name === INIT[version] && faults.initialize === false) return "101";
  if (name === SET[version] && faults.refuse && String(args[0]).startsWith(faults.refuse)) {
    return REFUSED[version];
  }
  if (name === COMMIT[version] && faults.failCommits > 0) {
    faults.failCommits -= 1;
    return COMMIT_FAILED[version];
  }
  return null;
}

window.startLms = (version, seed, url, faults = {}) => {
  const settings = {
    autocommit: false,
    logLevel: 3, // WARN and up reach onLogMessage
    mastery_override: false,
    selfReportSessionTime: false,
    onLogMessage: (level, message) => window.lms.log.push({ level, message: String(message) }),
  };
  const api = version === "1.2" ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  for (const [path, value] of Object.entries(seed || {})) setPath(api.cmi, path, value);
  let faultCode = null; // the error code of the last faulty answer, for GetLastError
  const wrapper = {};
  for (const name of METHODS[version]) {
    wrapper[name] = (...args) => {
      busyWait(faults.slowMs || 0);
      if (name === LAST_ERROR[version] && faultCode !== null) return faultCode;
      if (ERROR_METHODS.has(name)) return api[name](...args);
      faultCode = faultyAnswer(version, faults, name, args);
      const result = faultCode === null ? api[name](...args) : "false";
      const error = faultCode ?? (version === "1.2" ? api.LMSGetLastError() : api.GetLastError());
      window.lms.calls.push({ method: name, args: args.map(String), result: String(result), error: String(error) });
      if (result === "true" && name === COMMIT[version]) window.lms.committed.push(window.lmsData());
      return result;
    };
  }
  window.lms.api = api;
  if (!faults.noApi) {
    if (version === "1.2") window.API = wrapper; else window.API_1484_11 = wrapper;
  }
  document.getElementById("sco").src = url;
};

// The data the LMS holds, as flat "cmi.x.y" -> value pairs.
window.lmsData = () => {
  const flat = {};
  const walk = (value, prefix) => {
    if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
    } else {
      flat[prefix] = value;
    }
  };
  walk(JSON.parse(JSON.stringify(window.lms.api.renderCMIToJSONObject())), "");
  return flat;
};

window.leaveSco = () => { document.getElementById("sco").src = "about:blank"; };
