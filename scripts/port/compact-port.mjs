// compact-port.mjs: a line-by-line port of scripts/Get-DsregStatus.ps1 to Node (ES module,
// Node 20, no dependencies). It builds the same compact line (`DSRC1:` + base64 of the raw
// deflate of the inner text) from a saved `dsregcmd /status` output, so the detection
// script's algorithm can be run and tested off Windows.
//
// ANY CHANGE TO ONE OF THE TWO FILES MUST BE MADE TO THE OTHER, and both must keep agreeing
// with `dsreg compact` (core/src/compact.rs), the reference. Same settings, same regexes, same
// step order.
//
//   node scripts/port/compact-port.mjs FILE           prints the compact line
//   node scripts/port/compact-port.mjs --inner FILE   prints the inner text of the chosen step
//
// Exported for tests: innerText(lines, {urls, cut}), compactLine(text), compact(lines),
// bodyLines, joinInnerText, splitLines and the settings.
//
// Two things the port spells out because JavaScript and .NET differ:
// - `\s`: .NET's `\s` is [\f\n\r\t\v\x85\p{Z}]; JavaScript's lacks U+0085 and adds U+FEFF.
//   WS below is the .NET set, used wherever the PowerShell patterns say `\s`.
// - String.Trim(): .NET trims the same set (Char.IsWhiteSpace); JavaScript's trim() differs
//   in the same two characters, so trimWs() trims WS instead.
// The compressed bytes can differ from .NET's DeflateStream (another zlib build or
// settings); any raw-deflate reader decodes both to the same inner text.

import { readFileSync } from 'node:fs';
import { deflateRawSync, constants } from 'node:zlib';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// Settings. Keep these identical in scripts/Get-DsregStatus.ps1.
// ---------------------------------------------------------------------------

// The most characters Intune keeps of a detection script's output.
export const MAX_LINE_LENGTH = 2048;

// Marks a compact line, version 1 of the format.
export const PREFIX = 'DSRC1:';

// .NET's `\s`, spelled out (see the header comment).
const WS = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

// A section header: `| Device State |` (group 1 = the title).
// PowerShell: '^\s*\|\s*(.*?)\s*\|\s*$'
export const HEADER_PATTERN = new RegExp(`^[${WS}]*\\|[${WS}]*(.*?)[${WS}]*\\|[${WS}]*$`, 's');

// A field: a key (a letter, then letters, digits, spaces, `._()-`), a colon, the value
// (group 1 = key, group 2 = value). `KeySignTest: PASSED` has no space before its colon, and
// Windows 10 1607 prints `KeySignTest: : PASSED`.
// PowerShell: '^\s*([A-Za-z][A-Za-z0-9 ._()-]*?)\s*:(?:\s*:)?(.*)$'
export const FIELD_PATTERN = new RegExp(`^[${WS}]*([A-Za-z][A-Za-z0-9 ._()-]*?)[${WS}]*:(?:[${WS}]*:)?(.*)$`, 's');

// A value replaced by `~` in the second size step (matched case-insensitively).
// PowerShell: '^(?:https?://|urn:)' with IgnoreCase
export const URL_PATTERN = /^(?:https?:\/\/|urn:)/i;

// The `s` flag above makes `.` match every character but nothing else, as in .NET, where `.`
// stops only at "\n" (and a line never holds one): JavaScript's `.` would stop at U+2028/9 too.

const TRIM = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');

/** String.Trim() of .NET. */
export function trimWs(s) {
  return s.replace(TRIM, '');
}

// ---------------------------------------------------------------------------
// Functions (same order and names as the PowerShell ones)
// ---------------------------------------------------------------------------

/**
 * The lines after line 1 of the inner text, one per header or field, in order (Get-BodyLines).
 * With hideUrls, a value that starts with http://, https:// or urn: becomes `~`.
 */
export function bodyLines(lines, hideUrls) {
  const body = [];
  for (const line of lines) {
    const header = HEADER_PATTERN.exec(line);
    if (header) {
      body.push('+' + header[1]);
      continue;
    }
    const field = FIELD_PATTERN.exec(line);
    if (field) {
      const key = trimWs(field[1]);
      let value = trimWs(field[2]);
      if (hideUrls && URL_PATTERN.test(value)) {
        value = '~';
      }
      body.push(key + ':' + value);
    }
    // Anything else (box lines, blank lines, other text) is dropped.
  }
  return body;
}

/** The inner text: the flag line, then the body lines without the last `cut` (Join-InnerText). */
export function joinInnerText(body, hideUrls, cut) {
  let head = '~';
  if (hideUrls) head += ' u';
  if (cut > 0) head += ' c' + cut;

  const kept = [head];
  for (let i = 0; i < body.length - cut; i++) {
    kept.push(body[i]);
  }
  return kept.join('\n');
}

/** The inner text of `lines` with URL values replaced or not and the last `cut` lines cut off. */
export function innerText(lines, { urls = false, cut = 0 } = {}) {
  return joinInnerText(bodyLines(lines, urls), urls, cut);
}

/**
 * The compact line of an inner text: prefix + base64 of the raw deflate of its UTF-8 bytes
 * (ConvertTo-CompactLine). Level 6 is zlib's default, which .NET's Optimal is meant to match.
 */
export function compactLine(text) {
  const bytes = Buffer.from(text, 'utf8'); // no BOM
  const deflated = deflateRawSync(bytes, { level: constants.Z_DEFAULT_COMPRESSION });
  return PREFIX + deflated.toString('base64');
}

/**
 * The main part of the script: the three size steps.
 * Returns { line, inner, urls, cut } for the step that was chosen.
 */
export function compact(lines) {
  // Step 1: every field as printed.
  let hideUrls = false;
  let cut = 0;
  let body = bodyLines(lines, hideUrls);
  let inner = joinInnerText(body, hideUrls, cut);
  let line = compactLine(inner);

  // Step 2: too long, so replace URL values with `~`.
  if (line.length > MAX_LINE_LENGTH) {
    hideUrls = true;
    body = bodyLines(lines, hideUrls);
    inner = joinInnerText(body, hideUrls, cut);
    line = compactLine(inner);

    // Step 3: still too long, so cut lines off the end, one at a time.
    while (line.length > MAX_LINE_LENGTH && cut < body.length) {
      cut++;
      inner = joinInnerText(body, hideUrls, cut);
      line = compactLine(inner);
    }
  }

  return { line, inner, urls: hideUrls, cut };
}

/**
 * The lines PowerShell's `& dsregcmd /status` would give for a saved output: a leading BOM
 * dropped, split on "\r\n", "\n" or "\r", no empty last element for a final line break.
 */
export function splitLines(text) {
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

function main(argv) {
  const args = argv.slice(2);
  const inner = args.includes('--inner');
  const files = args.filter((a) => a !== '--inner');
  if (files.length !== 1) {
    process.stderr.write('usage: node scripts/port/compact-port.mjs [--inner] FILE\n');
    return 2;
  }
  const text = new TextDecoder('utf-8').decode(readFileSync(files[0]));
  const result = compact(splitLines(text));
  process.stdout.write((inner ? result.inner : result.line) + '\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv);
}
