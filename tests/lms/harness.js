"use strict";
// A minimal LMS page for tests: scorm-again as the API, every call recorded.
// The test calls startLms(version, seed, url); it reads window.lms afterwards.
const METHODS = {
  "1.2": ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish",
          "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
  "2004": ["Initialize", "GetValue", "SetValue", "Commit", "Terminate",
           "GetLastError", "GetErrorString", "GetDiagnostic"],
};
const ERROR_METHODS = new Set(["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic",
  "GetLastError", "GetErrorString", "GetDiagnostic"]);

window.lms = { calls: [], log: [], api: null };

function setPath(target, path, value) {
  const parts = path.split(".").slice(1); // drop "cmi"
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part];
  node[parts[parts.length - 1]] = value;
}

window.startLms = (version, seed, url) => {
  const settings = {
    autocommit: false,
    logLevel: 3, // WARN and up reach onLogMessage
    mastery_override: false,
    selfReportSessionTime: false,
    onLogMessage: (level, message) => window.lms.log.push({ level, message: String(message) }),
  };
  const api = version === "1.2" ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  for (const [path, value] of Object.entries(seed || {})) setPath(api.cmi, path, value);
  const wrapper = {};
  for (const name of METHODS[version]) {
    wrapper[name] = (...args) => {
      const result = api[name](...args);
      if (!ERROR_METHODS.has(name)) {
        const error = version === "1.2" ? api.LMSGetLastError() : api.GetLastError();
        window.lms.calls.push({ method: name, args: args.map(String), result: String(result), error: String(error) });
      }
      return result;
    };
  }
  window.lms.api = api;
  if (version === "1.2") window.API = wrapper; else window.API_1484_11 = wrapper;
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
