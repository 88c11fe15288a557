// hello-as: an Extism plugin written in AssemblyScript with @extism/as-pdk.
//
// Exports (no parameters, i32 result: 0 = success, 1 = error with the message set by error_set):
//   count_vowels  input: text; output {"count":N,"total":T,"vowels":"..."} where the vowels are
//                 config "vowels" (default aeiouAEIOU) and total is a running total kept in var "total"
//                 (a decimal string).
//   fetch         input: an http:// or https:// URL; GETs it through the host and outputs
//                 {"status":S,"length":L,"body":"<first 200 characters>"} (L is the body length in bytes).
//   echo          outputs its input unchanged.
//
// @extism/as-pdk 1.0.0 wraps input, output, config, vars and logging, but not HTTP or errors, so
// this file calls the PDK's raw http_request and error_set imports and declares http_status_code,
// which the PDK does not.
import { Config, Host, LogLevel, Memory, Var } from "@extism/as-pdk";
import { error_set, http_request, length } from "@extism/as-pdk/lib/env";

@external("extism:host/env", "http_status_code")
declare function http_status_code(): i32;

const DEFAULT_VOWELS = "aeiouAEIOU";
const BODY_PREVIEW_CHARS = 200;

// Used through `asc --use abort=assembly/index/myAbort`: hands the reason for a trap (failed
// assertion, out-of-bounds access, ...) to the host as the call's error before the module traps.
function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {
  const what = message === null ? "abort" : message;
  const where = fileName === null ? "unknown file" : fileName;
  fail(`hello-as aborted: ${what} at ${where}:${lineNumber}:${columnNumber}`);
}

// Sets the call's error message and returns the error code to return from an export.
function fail(message: string): i32 {
  error_set(Memory.allocateString(message).offset);
  return 1;
}

// Host.outputString sizes its block in UTF-16 units, which truncates non-ASCII text; this uses UTF-8 bytes.
function outputUtf8(text: string): void {
  Host.output(Uint8Array.wrap(String.UTF8.encode(text)));
}

function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c == 0x22) out += '\\"';
    else if (c == 0x5c) out += "\\\\";
    else if (c == 0x0a) out += "\\n";
    else if (c == 0x0d) out += "\\r";
    else if (c == 0x09) out += "\\t";
    else if (c < 0x20) out += "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    else out += String.fromCharCode(c);
  }
  return out + '"';
}

// Returns the first `max` code points of `text`, never splitting a surrogate pair.
function firstCodePoints(text: string, max: i32): string {
  let end = 0;
  for (let n = 0; n < max && end < text.length; n++) {
    end += text.codePointAt(end) > 0xffff ? 2 : 1;
  }
  return text.substring(0, end);
}

export function count_vowels(): i32 {
  const text = Host.inputString();
  const configured = Config.get("vowels");
  const vowels = configured === null ? DEFAULT_VOWELS : configured;
  const set = new Set<i32>();
  for (let i = 0; i < vowels.length; i += vowels.codePointAt(i) > 0xffff ? 2 : 1) {
    set.add(vowels.codePointAt(i));
  }
  let count: i64 = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    if (set.has(cp)) count++;
    i += cp > 0xffff ? 2 : 1;
  }
  const previous = Var.getString("total");
  const total = (previous === null ? 0 : I64.parseInt(previous)) + count;
  Var.set("total", Uint8Array.wrap(String.UTF8.encode(total.toString())));
  outputUtf8(`{"count":${count},"total":${total},"vowels":${jsonString(vowels)}}`);
  return 0;
}

export function fetch(): i32 {
  const url = Host.inputString().trim();
  if (url.length == 0) {
    return fail("fetch needs a URL, e.g. https://example.com/");
  }
  if (!url.startsWith("http://") && !url.startsWith("https://")) {
    return fail(`fetch needs an http:// or https:// URL, got: ${url}`);
  }
  Host.log(LogLevel.Debug, `fetching ${url}`);
  const request = `{"method":"GET","url":${jsonString(url)},"headers":{}}`;
  const bodyOffset = http_request(Memory.allocateString(request).offset, 0);
  const status = http_status_code();
  if (status < 100 || status > 599) {
    return fail(`fetch ${url} failed: the host returned no HTTP response (status ${status}); is the host allowed and reachable?`);
  }
  let body = "";
  let bodyLength: u64 = 0;
  if (bodyOffset != 0) {
    bodyLength = length(bodyOffset);
    body = new Memory(bodyOffset, bodyLength).toString();
  }
  outputUtf8(`{"status":${status},"length":${bodyLength},"body":${jsonString(firstCodePoints(body, BODY_PREVIEW_CHARS))}}`);
  return 0;
}

export function echo(): i32 {
  Host.output(Host.input());
  return 0;
}
