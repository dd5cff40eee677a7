// The package as a Node user requires it: reports in the CLI's schema, redaction, share links,
// comparison, and clear errors for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dsreg = require('../../pkg');
const fixture = (path) => readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url));

test('a corpus output gives the verdict and the findings the CLI gives', () => {
  const reports = dsreg.analyze(fixture('corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt'));
  assert.equal(reports.length, 1);
  const [r] = reports;
  assert.equal(r.join_state, 'domain_joined');
  assert.match(r.verdict, /discover phase/);
  assert.equal(r.findings[0].rule, 'DSR014');
  assert.equal(r.findings[0].severity, 'critical');
  assert.ok(r.findings[0].evidence.some((e) => e.key === 'Client ErrorCode'));
  assert.ok(r.codes.some((c) => c.code === '0x801c001d'));
});

test('a string and UTF-16 bytes read the same', () => {
  const text = fixture('corpus/012-aadj-hostname-updated-cloudtgt.txt').toString('utf8');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const a = dsreg.analyze(text)[0];
  const b = dsreg.analyze(new Uint8Array(utf16))[0];
  assert.equal(a.verdict, b.verdict);
  assert.equal(b.encoding, 'utf16_le_bom');
});

test('several outputs give several reports, and diff compares the last of each', () => {
  const both = fixture('synthetic/before-after-scp-fixed.txt').toString('utf8');
  assert.equal(dsreg.analyze(both).length, 2);
  const [before, after] = both.split(/(?=PS C:\\Users\\fabrikadmin> # SCP)/);
  const c = dsreg.diff(before, after);
  assert.equal(c.join_state_before, 'domain_joined');
  assert.equal(c.join_state_after, 'hybrid_joined');
  assert.equal(c.findings_resolved[0].rule, 'DSR014');
  const joined = c.fields_changed.find((f) => f.key === 'AzureAdJoined');
  assert.deepEqual(joined.change, { kind: 'flag', now_yes: true });
});

test('redaction replaces identifiers and a share link opens to the same text', () => {
  const text = fixture('corpus/012-aadj-hostname-updated-cloudtgt.txt').toString('utf8');
  const safe = dsreg.redact(text);
  const id = text.match(/DeviceId : (\S+)/)[1];
  assert.ok(!safe.includes(id), 'the DeviceId is gone');
  const link = dsreg.permalink(safe);
  assert.match(link, /^v1=/);
  assert.equal(dsreg.openPermalink('#' + link), safe);
  assert.throws(() => dsreg.openPermalink('v9=abc'), /newer|version/i);
});

test('bad input is refused with a message', () => {
  assert.throws(() => dsreg.analyze(42), /string|Uint8Array/);
  const none = dsreg.analyze('hello world');
  assert.equal(none.length, 1);
  assert.equal(none[0].join_state, 'unknown');
});
