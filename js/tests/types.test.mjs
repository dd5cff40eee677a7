// The package's TypeScript declarations (js/npm/index.d.ts) against real reports: every key a
// report holds is declared, and every key declared without `?` is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

import { compact, splitLines } from '../../scripts/port/compact-port.mjs';

const require = createRequire(import.meta.url);
const dsreg = require('../../pkg');

const declared = new Map();
const dts = readFileSync(new URL('../npm/index.d.ts', import.meta.url), 'utf8');
for (const [, name, body] of dts.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
  const keys = [...body.matchAll(/^\s*(\w+)(\?)?:/gm)].map(([, k, opt]) => ({ k, opt: !!opt }));
  declared.set(name, keys);
}

const seen = [];
function check(name, obj, where) {
  const keys = declared.get(name);
  assert.ok(keys, `no interface ${name}`);
  for (const k of Object.keys(obj)) {
    assert.ok(keys.some((d) => d.k === k), `${where}: key ${k} is not declared in ${name}`);
  }
  for (const d of keys.filter((d) => !d.opt)) {
    assert.ok(d.k in obj, `${where}: ${name}.${d.k} is missing`);
  }
  seen.push(name);
}

test('every report of every fixture matches the declared types', () => {
  for (const dir of ['corpus', 'seed', 'synthetic']) {
    const folder = new URL(`../../tests/fixtures/${dir}/`, import.meta.url);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.txt'))) {
      for (const r of dsreg.analyze(readFileSync(new URL(file, folder)))) {
        const at = `${dir}/${file}`;
        check('DocumentReport', r, at);
        check('Summary', r.summary, at);
        if (r.summary.clock) check('Clock', r.summary.clock, at);
        r.sections.forEach((s) => {
          check('SectionReport', s, at);
          s.fields.forEach((f) => {
            check('FieldReport', f, at);
            if (f.validity) check('Validity', f.validity, at);
          });
        });
        r.findings.forEach((f) => {
          check('Finding', f, at);
          f.evidence.forEach((e) => check('Evidence', e, at));
          f.steps.forEach((s) => check('Step', s, at));
          (f.checks || []).forEach((c) => check('Check', c, at));
        });
        r.codes.forEach((c) => check('CodeEntry', c, at));
        r.problems.forEach((p) => check('Problem', p, at));
        check('Timeline', r.timeline, at);
        if (r.timeline.now) check('TimelinePoint', r.timeline.now, at);
        r.timeline.entries.forEach((e) => {
          check('TimelineEntry', e, at);
          e.marks.forEach((m) => check('TimelineMark', m, at));
        });
      }
    }
  }
  const both = readFileSync(new URL('../../tests/fixtures/synthetic/before-after-scp-fixed.txt', import.meta.url), 'utf8');
  const c = dsreg.diff(both, both.replace('AzureAdJoined : YES', 'AzureAdJoined : NO'));
  check('Comparison', c, 'diff');
  check('Side', c.before, 'diff');
  c.fields_changed.forEach((f) => check('FieldChange', f, 'diff'));
  // A compact line made by the port of the Intune detection script reads back with its note.
  const full = readFileSync(new URL('../../tests/fixtures/corpus/012-aadj-hostname-updated-cloudtgt.txt', import.meta.url), 'utf8');
  const [fromLine] = dsreg.analyze(compact(splitLines(full)).line);
  check('CompactNote', fromLine.compact, 'compact');
  assert.deepEqual(fromLine.compact.left_out, []);
  assert.equal(fromLine.join_state, dsreg.analyze(full)[0].join_state);
  assert.equal(fromLine.device, 'Win10-Desk01');
  for (const name of ['DocumentReport', 'FieldReport', 'Validity', 'Finding', 'Check', 'TimelineMark', 'Comparison', 'FieldChange']) {
    assert.ok(seen.includes(name), `no fixture exercised ${name}`);
  }
});
