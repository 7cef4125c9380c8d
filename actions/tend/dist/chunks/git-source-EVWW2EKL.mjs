import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  MAX_SPEC_BYTES,
  escapeName,
  isSpecName,
  tooLarge
} from "./chunk-NMX2R67N.mjs";
import {
  TendError,
  errorMessage
} from "./chunk-RSD3EPRX.mjs";
import "./chunk-CBVZSY3F.mjs";

// src/source/git/git-source.ts
import path7 from "node:path";

// src/source/git/git-runner.ts
import { randomUUID } from "node:crypto";

// src/source/git/end-stragglers.ts
import { readdirSync, readFileSync } from "node:fs";
var CALL_MARK = "TEND_GIT_CALL";
function endStragglers(mark) {
  const wanted = `${CALL_MARK}=${mark}`;
  let pids;
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(wanted)) process.kill(Number(pid), "SIGKILL");
    } catch {
    }
  }
}

// src/source/git/own-session.ts
import { accessSync, constants } from "node:fs";
import path from "node:path";
function gitBinary(pathVariable) {
  const dirs = (pathVariable ?? "").split(path.delimiter).filter((dir) => dir !== "");
  return onPath(dirs, "setsid") && onPath(dirs, "git") ? ["setsid", "git"] : "git";
}
function onPath(dirs, program) {
  return dirs.some((dir) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// src/source/git/git-runner.ts
var GitFailure = class extends Error {
  constructor(command, reason, text) {
    super(text);
    this.command = command;
    this.reason = reason;
    this.name = "GitFailure";
  }
  command;
  reason;
};
var GitRunner = class {
  constructor(gitEnv2) {
    this.gitEnv = gitEnv2;
    this.#binary = gitBinary(gitEnv2.env.PATH);
  }
  gitEnv;
  #binary;
  /** Runs `git <args>` in `cwd` and resolves with its stdout; rejects with a GitFailure. */
  async run(cwd, args, signal, input) {
    const { simpleGit } = await import("./dist-KCR442QV.mjs");
    const mark = randomUUID();
    const stdout = [];
    const stderr = [];
    const git = simpleGit({
      baseDir: cwd,
      binary: this.#binary,
      abort: signal,
      // The mirror has no hooks of its own; this also overrules a hooksPath in the user's global config.
      config: ["core.hooksPath=/dev/null"],
      allowEnvironment: this.gitEnv.allowEnvironment,
      unsafe: { ...this.gitEnv.unsafe, allowUnsafeHooksPath: true },
      input: () => input,
      // simple-git treats a failure that printed nothing as a success; tend does not.
      errors: (error, result) => error === void 0 && result.exitCode !== 0 ? Buffer.from(`git exited with ${result.exitCode}`) : error
    }).env({ ...this.gitEnv.env, [CALL_MARK]: mark }).outputHandler((_command, out, err) => {
      out.on("data", (chunk) => stdout.push(chunk));
      err.on("data", (chunk) => stderr.push(chunk));
    });
    try {
      if (args[0] === "cat-file") return await git.binaryCatFile(args.slice(1));
      await git.raw(args);
    } catch (err) {
      const failed2 = failure(args[0] ?? "", err, Buffer.concat(stderr).toString("utf8"), signal);
      if (failed2.reason === "timeout") endStragglers(mark);
      throw failed2;
    }
    return Buffer.concat(stdout);
  }
};
function failure(command, err, stderr, signal) {
  const plugin = err instanceof Error && "plugin" in err ? err.plugin : void 0;
  if (signal.aborted || plugin === "abort" || plugin === "timeout") return new GitFailure(command, "timeout", stderr);
  if (plugin !== void 0) return new GitFailure(command, "refused", err instanceof Error ? err.message : String(err));
  return new GitFailure(command, "exit", stderr.trim() === "" && err instanceof Error ? err.message : stderr);
}

// src/source/git/pick-ref.ts
var FULL_SHA = /^[0-9a-f]{40}$/i;
function parseLsRemote(output) {
  const ids = /* @__PURE__ */ new Map();
  let head;
  for (const line of output.split("\n")) {
    const [left, name] = line.split("	");
    if (left === void 0 || name === void 0) continue;
    if (left.startsWith("ref: ")) {
      if (name === "HEAD") head = left.slice("ref: ".length);
    } else ids.set(name, left);
  }
  return { ids, head };
}
function lsRemotePatterns(ref) {
  return [ref, `${ref}^{}`];
}
function pickRef(refs, ref) {
  const candidates = ref.startsWith("refs/") ? [ref] : [`refs/${ref}`, `refs/tags/${ref}`, `refs/heads/${ref}`, `refs/remotes/${ref}`];
  for (const name of candidates) {
    const id = refs.ids.get(`${name}^{}`) ?? refs.ids.get(name);
    if (id !== void 0) return { sha: id, ref: name };
  }
  return void 0;
}
function pickHead(refs) {
  const sha = refs.ids.get("HEAD");
  return sha === void 0 ? void 0 : { sha, ref: refs.head ?? "HEAD" };
}
function isRefName(ref) {
  return ref !== "" && !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|^[-/.]|[/.]$|\.lock$|\/\./.test(ref) && ref !== "@";
}

// src/source/git/fetch-commit.ts
var QUIET = ["--no-tags", "--no-recurse-submodules", "--no-auto-maintenance", "--no-write-fetch-head"];
var REFUSED = /unadvertised object|not our ref|couldn't find remote ref|no such remote ref|does not allow request|not valid|bad object/i;
async function fetchCommit(mirror, resolved, signal) {
  const url = mirror.remote.url;
  const keep = resolved.ref?.startsWith("refs/") && isRefName(resolved.ref) ? resolved.ref : "refs/tend/pinned";
  try {
    await mirror.run(["fetch", "--depth=1", ...QUIET, "--", url, `+${resolved.sha}:${keep}`], signal);
    return;
  } catch (err) {
    if (!(err instanceof GitFailure && err.reason === "exit" && REFUSED.test(err.message))) throw err;
  }
  const deepen = mirror.shallow ? ["--unshallow"] : [];
  await mirror.run(["fetch", ...deepen, ...QUIET, "--", url, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"], signal);
  if (!await mirror.hasCommit(resolved.sha, signal)) {
    throw new TendError(
      "GIT_REF_NOT_FOUND",
      `commit ${resolved.sha} is not on any branch or tag of ${mirror.remote.shown}: push it, or give a commit that is`
    );
  }
}

// src/source/git/git-env.ts
var PASSED_THROUGH = [
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_SYSTEM",
  "GIT_CONFIG_NOSYSTEM",
  "GIT_SSH_COMMAND",
  "GIT_SSH",
  "GIT_SSH_VARIANT",
  "GIT_SSL_CAINFO",
  "GIT_SSL_CAPATH"
];
var DROPPED = /* @__PURE__ */ new Set(["EDITOR", "VISUAL", "PAGER", "PREFIX", "SSH_ASKPASS"]);
function gitEnv(remote, base) {
  const env = {};
  for (const [name, value] of Object.entries(base)) {
    const upper = name.toUpperCase();
    if (value === void 0 || upper.startsWith("TEND_GIT_") || DROPPED.has(upper)) continue;
    if (!upper.startsWith("GIT_") || PASSED_THROUGH.includes(upper)) env[name] = value;
  }
  env.GIT_TERMINAL_PROMPT = "0";
  const secrets = [];
  if (remote.kind === "http") secrets.push(...httpCredentials(remote, base, env));
  if (remote.kind === "ssh") sshCommand(base, env);
  return { env: hidden(env), ...guards(env), secrets };
}
function httpCredentials(remote, base, env) {
  const secret = remote.password ?? nonEmpty(base.TEND_GIT_TOKEN);
  const user = remote.username ?? "x-access-token";
  if (secret === void 0 && remote.username === void 0) return [];
  const origin = remote.origin;
  if (secret === void 0) {
    setConfig(env, [[`credential.${origin}.username`, user]]);
    return [];
  }
  const basic = Buffer.from(`${user}:${secret}`).toString("base64");
  setConfig(env, [[`http.${origin}.extraHeader`, `Authorization: Basic ${basic}`]]);
  return [secret, basic, encodeURIComponent(secret)];
}
function sshCommand(base, env) {
  const key = nonEmpty(base.TEND_GIT_SSH_KEY);
  if (key !== void 0) env.GIT_SSH_COMMAND = `ssh -i ${shellQuote(key)} -o IdentitiesOnly=yes -o BatchMode=yes`;
  else if (env.GIT_SSH_COMMAND === void 0 && env.GIT_SSH === void 0) env.GIT_SSH_COMMAND = "ssh -o BatchMode=yes";
}
function setConfig(env, pairs) {
  env.GIT_CONFIG_COUNT = String(pairs.length);
  pairs.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
}
function guards(env) {
  const allowEnvironment = Object.keys(env).filter((name) => name.toUpperCase().startsWith("GIT_"));
  const has = (...names) => allowEnvironment.some((name) => names.includes(name.toUpperCase()));
  const unsafe = {};
  if (has("GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM")) unsafe.allowUnsafeConfigPaths = true;
  if (has("GIT_CONFIG_COUNT")) unsafe.allowUnsafeConfigEnvCount = true;
  if (has("GIT_SSH_COMMAND", "GIT_SSH")) unsafe.allowUnsafeSshCommand = true;
  return { allowEnvironment, unsafe };
}
function hidden(env) {
  return Object.defineProperty(env, /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom"), {
    enumerable: true,
    value: () => "[environment not shown: it may hold credentials]"
  });
}
function shellQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}

// src/source/git/git-errors.ts
import { existsSync } from "node:fs";

// src/source/git/redact.ts
function redact(text, secrets) {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.replaceAll(secret, "***");
  return out.replace(/\b(https?:\/\/)[^/@\s]*@/gi, "$1").replace(/\b([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^/@\s]*@/gi, "$1@");
}

// src/source/git/git-errors.ts
var AUTH = /authentication failed|could not read (username|password)|terminal prompts disabled|permission denied \((publickey|password|keyboard)|returned error: 40[13]|\b40[13]\b.*(unauthori[sz]ed|forbidden)|invalid credentials|access denied(?! or repository not exported)/i;
var HOST_KEY = /host key verification failed|remote host identification has changed/i;
var NOT_A_REPO = /does not appear to be a git repository|not a git repository|repository '.*' not found|repository not found|access denied or repository not exported|returned error: 404|no such (file or directory|repository)/i;
var UNREACHABLE = /could not resolve host|could not resolve hostname|name or service not known|temporary failure in name resolution|connection refused|connection timed out|connection reset|timed out|network is unreachable|no route to host|unable to connect|failed to connect|couldn't connect|the remote end hung up|early eof|rpc failed|returned error: 5\d\d|kex_exchange_identification|connection closed by/i;
var BUSY = /cannot lock ref|unable to create '.*\.lock'|index\.lock|shallow\.lock/i;
function toTendError(err, context) {
  if (err instanceof TendError) return err;
  if (!(err instanceof GitFailure)) return failed("GIT_ERROR", `${context.remote.shown}: ${redact(errorMessage(err), context.secrets)}`);
  const { remote } = context;
  const text = oneLine(redact(err.message, context.secrets));
  const cause = new Error(redact(err.message, context.secrets));
  if (err.reason === "timeout") {
    const seconds = context.timeoutMs / 1e3;
    return new TendError(
      "GIT_UNREACHABLE",
      `git ${err.command} on ${remote.shown} took longer than ${seconds}s and was stopped: check the network, or allow more time`,
      {
        cause,
        transient: true
      }
    );
  }
  if (err.reason === "refused") return gitError(context, err.command, text, cause);
  if (/spawn git ENOENT|spawn .*git ENOENT/.test(text))
    return gitError(context, err.command, "git is not installed, or not on PATH: install git", cause);
  if (HOST_KEY.test(text)) {
    return failed("GIT_AUTH", `${remote.shown}: ${text}: add the server's host key to ~/.ssh/known_hosts`, cause);
  }
  if (AUTH.test(text)) return failed("GIT_AUTH", `${remote.shown} refused access: ${text}: ${credentialHint(remote)}`, cause);
  if (NOT_A_REPO.test(text) || remote.kind === "local" && !existsSync(remote.localPath)) return notARepo(remote, text, cause);
  if (UNREACHABLE.test(text)) {
    return new TendError("GIT_UNREACHABLE", `cannot reach ${remote.shown}: ${text}: check the URL's host and port, and the network`, {
      cause,
      transient: true
    });
  }
  if (BUSY.test(text)) return new TendError("GIT_ERROR", `${err.command}: the Git cache is busy: ${text}`, { cause, transient: true });
  return gitError(context, err.command, text, cause);
}
function credentialHint(remote) {
  if (remote.kind === "ssh") return "set TEND_GIT_SSH_KEY to a key file the server accepts, or add one to your ssh agent or ~/.ssh/config";
  if (remote.kind === "http") return "set TEND_GIT_TOKEN to a token that may read the repository, or give your git credential helper one";
  return "check that this user may read the repository";
}
function notARepo(remote, text, cause) {
  if (remote.kind === "local") {
    const folder = remote.localPath;
    const why = existsSync(folder) ? "a folder that holds no Git repository" : "no such folder";
    return failed("GIT_NOT_A_REPO", `${folder} is not a Git repository (${why}): check the repository path`, cause);
  }
  return failed("GIT_NOT_A_REPO", `${remote.shown} names no repository tend can read: ${text}: check the URL`, cause);
}
function gitError(context, command, text, cause) {
  return failed("GIT_ERROR", `git ${command} on ${context.remote.shown} failed: ${text}`, cause);
}
function failed(code, message, cause) {
  return new TendError(code, message, { cause });
}
var NOISE = /^(hint:|from |remote: (enumerating|counting|compressing|total)|\* \[|could not read from remote repository|please make sure you have the correct access rights|and the repository exists)/i;
function oneLine(stderr) {
  const lines = stderr.replace(/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/g, "").split(/[\r\n]+/).map((line) => line.replace(/^\[\d+\]\s*/, "").trim()).map((line) => line.replace(/^(fatal|error|warning):\s*/i, "")).filter((line) => line !== "" && !NOISE.test(line));
  const text = [...new Set(lines)].join("; ");
  return text.length > 300 ? `${text.slice(0, 297)}...` : text === "" ? "no reason given" : text;
}

// src/source/git/git-remote.ts
import path2 from "node:path";
import { fileURLToPath } from "node:url";
var SCP_LIKE = /^(?:([^@/]+)@)?(\[[^\]]+\]|[^:/]+):(.*)$/;
function parseRemote(raw, cwd) {
  const given = raw.trim();
  if (given === "" || given.startsWith("-") || /^[a-z0-9+.-]+::/i.test(given)) throw badUrl(raw);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(given)?.[1]?.toLowerCase();
  if (scheme === void 0) return SCP_LIKE.test(given) && !given.startsWith(".") ? scpLike(given) : local(path2.resolve(cwd, given), given);
  let url;
  try {
    url = new URL(given);
  } catch {
    throw badUrl(raw);
  }
  switch (scheme) {
    case "file":
      return local(fileURLToPath(url), given);
    case "http":
    case "https":
      return http(url);
    case "ssh":
    case "git":
      return hosted(url, scheme);
    default:
      throw badUrl(raw);
  }
}
function local(folder, given) {
  const shown = given.startsWith("file:") ? given : folder;
  return { kind: "local", url: folder, shown, key: `file://${folder}`, localPath: folder };
}
function http(url) {
  const username = url.username === "" ? void 0 : decodeURIComponent(url.username);
  const password = url.password === "" ? void 0 : decodeURIComponent(url.password);
  url.username = "";
  url.password = "";
  url.hash = "";
  const plain = url.href;
  const key = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}${url.search}`;
  return { kind: "http", url: plain, shown: plain, key, origin: `${url.protocol}//${url.host}/`, username, password };
}
function hosted(url, scheme) {
  url.password = "";
  url.hash = "";
  const plain = url.href;
  return { kind: scheme, url: plain, shown: plain, key: plain.replace(/\/+$/, "") };
}
function scpLike(given) {
  const [, user, host, rest] = SCP_LIKE.exec(given);
  const plain = `${user === void 0 ? "" : `${user}@`}${host}:${rest}`;
  return {
    kind: "ssh",
    url: plain,
    shown: plain,
    key: `scp:${user ?? ""}@${host.toLowerCase()}:${rest.replace(/\/+$/, "")}`
  };
}
function badUrl(raw) {
  const shown = JSON.stringify(raw.replace(/\/\/[^/@\s]*@/, "//***@"));
  return new TendError(
    "GIT_ERROR",
    `${shown} is not a repository tend can read: give a local path, or a file://, git://, http(s)://, ssh:// or user@host:path URL`
  );
}

// src/source/git/mirror.ts
import { createHash } from "node:crypto";
import { existsSync as existsSync2, mkdirSync, mkdtempSync, readdirSync as readdirSync2, renameSync, rmSync, writeFileSync } from "node:fs";
import path4 from "node:path";

// src/source/git/cat-file-batch.ts
function batchRequest(oids) {
  return oids.map((oid) => `${oid}
`).join("");
}
function parseBatch(output) {
  const objects = /* @__PURE__ */ new Map();
  let at = 0;
  while (at < output.length) {
    const eol = output.indexOf(10, at);
    if (eol < 0) break;
    const [oid = "", type, size] = output.toString("latin1", at, eol).split(" ");
    at = eol + 1;
    if (type === "missing" || size === void 0) continue;
    const length = Number(size);
    objects.set(oid, output.subarray(at, at + length));
    at += length + 1;
  }
  return objects;
}

// src/source/git/local-objects.ts
import { readFileSync as readFileSync2, statSync } from "node:fs";
import path3 from "node:path";
function localObjects(folder) {
  const found = isFile(path3.join(folder, "HEAD")) ? objectsOf(folder) : gitFolder(path3.join(folder, ".git"));
  return found !== null && !/[\n\r]/.test(found) && !found.startsWith('"') ? found : null;
}
function gitFolder(dotGit) {
  if (isFolder(dotGit)) return objectsOf(dotGit);
  if (!isFile(dotGit)) return null;
  const named = /^gitdir: (.+)$/m.exec(read(dotGit) ?? "")?.[1]?.trim();
  if (named === void 0) return null;
  const gitDir = path3.resolve(path3.dirname(dotGit), named);
  const common = read(path3.join(gitDir, "commondir"))?.trim();
  return objectsOf(common === void 0 || common === "" ? gitDir : path3.resolve(gitDir, common));
}
function objectsOf(gitDir) {
  const objects = path3.join(gitDir, "objects");
  return isFolder(objects) ? objects : null;
}
function read(file) {
  try {
    return readFileSync2(file, "utf8");
  } catch {
    return void 0;
  }
}
function isFile(file) {
  return kind(file) === "file";
}
function isFolder(dir) {
  return kind(dir) === "folder";
}
function kind(at) {
  try {
    const stat = statSync(at);
    return stat.isFile() ? "file" : stat.isDirectory() ? "folder" : null;
  } catch {
    return null;
  }
}

// src/source/git/mirror.ts
var Mirror = class {
  constructor(cacheDir, remote, git) {
    this.cacheDir = cacheDir;
    this.remote = remote;
    this.git = git;
    this.dir = path4.join(cacheDir, createHash("sha256").update(remote.key).digest("hex").slice(0, 32));
  }
  cacheDir;
  remote;
  git;
  dir;
  /** Creates the mirror once. It is made under another name and renamed, so that tend processes racing here all end with one whole mirror. */
  async ensure(signal) {
    if (existsSync2(path4.join(this.dir, "HEAD"))) return;
    let fresh;
    try {
      mkdirSync(this.cacheDir, { recursive: true });
      fresh = mkdtempSync(path4.join(this.cacheDir, ".new-"));
    } catch (err) {
      throw new TendError(
        "GIT_ERROR",
        `cannot make the Git cache in ${this.cacheDir}: ${String(err?.message ?? err)}: check that tend may write its state folder`
      );
    }
    try {
      await this.git.run(fresh, ["init", "--bare", fresh], signal);
      rmSync(path4.join(fresh, "hooks"), { recursive: true, force: true });
      writeFileSync(path4.join(fresh, "description"), `${this.remote.shown}
`);
      const lent = this.remote.localPath === void 0 ? null : localObjects(this.remote.localPath);
      if (lent !== null) writeFileSync(path4.join(fresh, "objects/info/alternates"), `${lent}
`);
      renameSync(fresh, this.dir);
    } catch (err) {
      rmSync(fresh, { recursive: true, force: true });
      if (!existsSync2(path4.join(this.dir, "HEAD"))) throw err;
    }
  }
  /** Runs git in the mirror. */
  run(args, signal, input) {
    return this.git.run(this.dir, args, signal, input);
  }
  /** `ls-tree -r -l -z` of the commit, at `root` ('' for all of it): no checkout, no work tree. */
  listTree(sha, root, signal) {
    return this.run(["ls-tree", "-r", "-l", "-z", "--full-tree", `${sha}^{commit}`, ...root === "" ? [] : ["--", `./${root}`]], signal);
  }
  /** The contents of these objects, from one `cat-file --batch`; `--buffer`, as nobody reads its answers one by one (a fifth faster for 1,000 files). */
  async readBlobs(oids, signal) {
    return parseBatch(await this.run(["cat-file", "--batch", "--buffer"], signal, batchRequest(oids)));
  }
  async hasCommit(sha, signal) {
    const out = await this.run(["cat-file", "--batch-check"], signal, `${sha}^{commit}
`);
    return !out.toString("latin1").includes(" missing");
  }
  /** Whether the mirror reads a local repository's objects in place (git's alternates) rather than fetching them. */
  get borrows() {
    return existsSync2(path4.join(this.dir, "objects/info/alternates"));
  }
  /**
   * Whether the mirror holds no object at all, as made by `ensure` and never fetched into: then no
   * commit is in it, and asking git would start a process to hear so. False when unsure.
   */
  get empty() {
    if (this.borrows) return false;
    const objects = path4.join(this.dir, "objects");
    try {
      const kept = readdirSync2(objects).filter((name) => name !== "info" && name !== "pack");
      return kept.length === 0 && readdirSync2(path4.join(objects, "pack")).length === 0;
    } catch {
      return false;
    }
  }
  /** Whether the mirror holds only part of the history (after shallow fetches). */
  get shallow() {
    return existsSync2(path4.join(this.dir, "shallow"));
  }
};

// src/source/git/spec-root.ts
import path5 from "node:path";
function specRoot(given) {
  const normal = path5.posix.normalize(given.trim()).replace(/\/+$/, "");
  if (normal === "." || normal === "") return "";
  if (path5.posix.isAbsolute(normal) || normal === ".." || normal.startsWith("../")) {
    throw new TendError("SPECS_NOT_FOUND", `spec path "${given}" is outside the repository: give a folder inside it, such as specs`);
  }
  return normal;
}

// src/source/git/tree-listing.ts
var MODE_SYMLINK = "120000";
var MODE_SUBMODULE = "160000";
function parseLsTree(output) {
  const entries = [];
  let start = 0;
  while (start < output.length) {
    let end = output.indexOf(0, start);
    if (end < 0) end = output.length;
    const tab = output.indexOf(9, start);
    if (tab > start && tab < end) {
      const [mode = "", type = "", oid = "", size = "-"] = output.toString("latin1", start, tab).split(/ +/);
      entries.push({
        mode,
        type,
        oid,
        size: size === "-" ? -1 : Number(size),
        name: output.toString("latin1", tab + 1, end)
      });
    }
    start = end + 1;
  }
  return entries;
}

// src/source/git/resolve-link.ts
import path6 from "node:path";
function indexTree(entries) {
  const folders = /* @__PURE__ */ new Set();
  for (const { name } of entries) for (let at = name.indexOf("/"); at > 0; at = name.indexOf("/", at + 1)) folders.add(name.slice(0, at));
  return { byName: new Map(entries.map((entry) => [entry.name, entry])), folders };
}
var MAX_HOPS = 40;
function resolveLink(link, tree, prefix, texts) {
  let current = link;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const text = texts.get(current.oid)?.toString("latin1");
    if (text === void 0 || text.startsWith("/")) return "elsewhere";
    const target = path6.posix.normalize(path6.posix.join(path6.posix.dirname(current.name), text)).replace(/\/+$/, "");
    if (target === ".") return prefix === "" ? "folder" : "elsewhere";
    if (prefix !== "" && `${target}/` === prefix) return "folder";
    if (target === ".." || target.startsWith("../") || !target.startsWith(prefix)) return "elsewhere";
    const entry = tree.byName.get(target);
    if (entry === void 0) return tree.folders.has(target) ? "folder" : "elsewhere";
    if (entry.mode !== MODE_SYMLINK) return entry.type === "blob" ? entry : "elsewhere";
    current = entry;
  }
  return "elsewhere";
}

// src/source/git/shown-name.ts
import { Buffer as Buffer2, isUtf8 } from "node:buffer";
var ASCII = /^[\x00-\x7f]*$/;
function shownName(name) {
  if (ASCII.test(name)) return { text: name, utf8: true };
  const bytes = Buffer2.from(name, "latin1");
  return isUtf8(bytes) ? { text: bytes.toString("utf8"), utf8: true } : { text: escapeName(bytes), utf8: false };
}

// src/source/git/tree-specs.ts
var utf8 = new TextDecoder("utf-8", { fatal: true });
var NOT_UTF8 = "is not UTF-8 (shown here with \\x escapes)";
async function treeSpecs(entries, root, readBlobs) {
  const rootKey = Buffer.from(root, "utf8").toString("latin1");
  if (entries.length === 0) return { kind: "missing" };
  const exact = entries.find((entry) => entry.name === rootKey);
  if (exact)
    return {
      kind: "not-a-folder",
      what: exact.mode === MODE_SYMLINK ? "a symbolic link" : exact.mode === MODE_SUBMODULE ? "a submodule" : "a file"
    };
  const prefix = rootKey === "" ? "" : `${rootKey}/`;
  const visible = entries.filter((entry) => !`/${entry.name.slice(prefix.length)}`.includes("/."));
  const links = entries.filter((entry) => entry.mode === MODE_SYMLINK && entry.size <= 4096);
  const linkTexts = links.length > 0 ? await readBlobs(links.map((link) => link.oid)) : /* @__PURE__ */ new Map();
  const tree = links.length > 0 ? indexTree(entries) : void 0;
  const planned = plan(visible, prefix, (link) => tree ? resolveLink(link, tree, prefix, linkTexts) : "elsewhere");
  const wanted = [...new Set(planned.flatMap((p) => "target" in p && p.target.size <= MAX_SPEC_BYTES ? [p.target.oid] : []))];
  const blobs = wanted.length > 0 ? await readBlobs(wanted) : /* @__PURE__ */ new Map();
  const files = planned.map((p) => ({ path: p.shown, ..."target" in p ? content(p.target, blobs) : unreadable(p.problem) }));
  return { kind: "folder", files: files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0) };
}
function plan(visible, prefix, follow) {
  const planned = [];
  const badFolders = /* @__PURE__ */ new Set();
  for (const entry of visible) {
    const { text, utf8: isText } = shownName(entry.name);
    const spec = isSpecName(entry.name);
    if (!isText) {
      const problem = notUtf8(entry.name, prefix, spec);
      if (problem && !badFolders.has(problem.shown)) planned.push(problem);
      if (problem?.folder) badFolders.add(problem.shown);
    } else if (entry.mode === MODE_SUBMODULE) {
      planned.push({ shown: text, problem: "a submodule, which tend does not read: keep the specs in this repository" });
    } else if (entry.mode === MODE_SYMLINK) {
      const target = follow(entry);
      if (target === "folder") planned.push({ shown: text, problem: "a symbolic link to a folder, which tend does not follow" });
      else if (!spec) continue;
      else if (target === "elsewhere")
        planned.push({ shown: text, problem: "a symbolic link to something other than a file inside the spec folder" });
      else planned.push({ shown: text, target });
    } else if (spec && entry.type === "blob") planned.push({ shown: text, target: entry });
  }
  return planned;
}
function notUtf8(name, prefix, spec) {
  const parts = name.slice(prefix.length).split("/");
  const bad = parts.findIndex((part) => !shownName(part).utf8);
  if (bad < parts.length - 1) {
    const shown = shownName(prefix + parts.slice(0, bad + 1).join("/")).text;
    return { shown, folder: true, problem: `this folder's name ${NOT_UTF8}, so tend cannot read the specs it may hold: rename it` };
  }
  return spec ? { shown: shownName(name).text, problem: `its name ${NOT_UTF8}: rename it` } : void 0;
}
function content(entry, blobs) {
  if (entry.size > MAX_SPEC_BYTES) return unreadable(tooLarge(entry.size));
  const bytes = blobs.get(entry.oid);
  if (bytes === void 0) return unreadable(`its blob ${entry.oid} is missing from the Git cache`);
  try {
    return { content: utf8.decode(bytes), blob: entry.oid };
  } catch {
    return unreadable("not UTF-8 text");
  }
}
function unreadable(reason) {
  return { content: "", unreadable: reason };
}

// src/source/git/git-source.ts
var MISSING_OBJECT = /not a valid object name|not a tree object|bad object|could not get object|unable to read|is a \w+, not a commit/i;
var GitSource = class {
  #ref;
  #root;
  #timeoutMs;
  #mirror;
  #context;
  constructor(options) {
    const cwd = options.cwd ?? process.cwd();
    const remote = parseRemote(options.url, cwd);
    const env = gitEnv(remote, options.env);
    this.#ref = options.ref === "HEAD" ? null : options.ref;
    this.#root = specRoot(options.path);
    this.#timeoutMs = options.timeoutMs ?? 3e4;
    this.#mirror = new Mirror(path7.resolve(cwd, options.cacheDir), remote, new GitRunner(env));
    this.#context = { remote, secrets: env.secrets, timeoutMs: this.#timeoutMs };
  }
  /** The repository as messages name it: no password or token. */
  get shown() {
    return this.#context.remote.shown;
  }
  async read() {
    return this.readAt(await this.resolve());
  }
  async resolve() {
    const ref = this.#ref;
    if (ref !== null && FULL_SHA.test(ref)) return { sha: ref.toLowerCase(), ref: null };
    if (ref !== null && !isRefName(ref)) throw this.#refNotFound(`"${ref}" is not a valid ref name`);
    return this.#guarded(async (signal) => {
      await this.#mirror.ensure(signal);
      const url = this.#context.remote.url;
      const args = ref === null ? ["ls-remote", "--symref", "--", url, "HEAD"] : ["ls-remote", "--", url, ...lsRemotePatterns(ref)];
      const refs = parseLsRemote((await this.#mirror.run(args, signal)).toString("utf8"));
      const found = ref === null ? pickHead(refs) : pickRef(refs, ref);
      if (found) return found;
      throw ref === null ? this.#refNotFound("it has no default branch (HEAD points nowhere: is it empty?)", "push a commit, or name a branch or tag") : this.#refNotFound(`it has no branch or tag "${ref}"`);
    });
  }
  async readAt(resolved) {
    return this.#guarded(async (signal) => {
      await this.#mirror.ensure(signal);
      const listing = await this.#listTree(resolved, signal);
      const specs = await treeSpecs(parseLsTree(listing), this.#root, (oids) => this.#mirror.readBlobs(oids, signal));
      const label = `${this.#root === "" ? "." : this.#root} at ${resolved.sha.slice(0, 7)} of ${this.shown}`;
      if (specs.kind === "not-a-folder") {
        throw new TendError("SPECS_NOT_FOUND", `${label} is ${specs.what}: the spec path names the folder the specs are in`);
      }
      const files = specs.kind === "folder" ? specs.files : [];
      return { sha: resolved.sha, ref: resolved.ref, files, pathExists: specs.kind === "folder", label };
    });
  }
  /**
   * The commit's tree at the spec path, fetching the commit first only when the mirror does not have it
   * (a new mirror has nothing). A mirror that borrows a local repository's objects never fetches: what
   * that repository does not hold, a fetch from it would not bring.
   */
  async #listTree(resolved, signal) {
    if (!this.#mirror.empty) {
      try {
        return await this.#mirror.listTree(resolved.sha, this.#root, signal);
      } catch (err) {
        if (!isMissingObject(err)) throw err;
        if (this.#mirror.borrows) throw this.#refNotFound(`${resolved.sha} is not a commit in it`);
      }
    }
    await fetchCommit(this.#mirror, resolved, signal);
    try {
      return await this.#mirror.listTree(resolved.sha, this.#root, signal);
    } catch (err) {
      if (isMissingObject(err)) throw this.#refNotFound(`${resolved.sha} is not a commit in it`);
      throw err;
    }
  }
  /** Runs `work` against one deadline, and maps whatever it throws to a TendError. */
  async #guarded(work) {
    try {
      return await work(AbortSignal.timeout(this.#timeoutMs));
    } catch (err) {
      throw toTendError(err, this.#context);
    }
  }
  #refNotFound(why, fix = "give a branch, a tag, a full ref name (refs/...) or a full 40-hex commit SHA") {
    return new TendError("GIT_REF_NOT_FOUND", `${this.shown}: ${why}: ${fix}`);
  }
};
function isMissingObject(err) {
  return err instanceof GitFailure && err.reason === "exit" && MISSING_OBJECT.test(err.message);
}
export {
  GitSource
};
