import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);

// src/errors.ts
var TendError = class extends Error {
  code;
  transient;
  constructor(code, message, options = {}) {
    super(message, { cause: options.cause });
    this.name = "TendError";
    this.code = code;
    this.transient = options.transient ?? false;
  }
};
var ProblemsError = class extends TendError {
  problems;
  constructor(code, message, problems, options = {}) {
    super(code, message, options);
    this.name = "ProblemsError";
    this.problems = problems;
  }
};
var PluginError = class extends TendError {
  plugin;
  method;
  problems;
  constructor(plugin, method, message, options = {}) {
    super(options.code ?? "PLUGIN_ERROR", `${plugin}: ${method}: ${message}`, options);
    this.name = "PluginError";
    this.plugin = plugin;
    this.method = method;
    this.problems = options.problems ?? [];
  }
};
function runError(err, code = "PLUGIN_ERROR") {
  if (err instanceof TendError) return { code: err.code, message: err.message, transient: err.transient };
  return { code, message: errorMessage(err), transient: false };
}
function explained(error, before) {
  return { ...error, message: `${before}: ${error.message}` };
}
function interruption(message) {
  return { code: "INTERRUPTED", message, transient: true };
}
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

export {
  TendError,
  ProblemsError,
  PluginError,
  runError,
  explained,
  interruption,
  errorMessage
};
