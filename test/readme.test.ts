/** The README's library example must keep running as written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

test("the README's 'Using the library' example runs", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Using the library'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code !== undefined, 'the section has a ts code block');
  // Inside the repository, so that 'saobp' and tfjs resolve as they do for a user's file.
  const file = 'test/.readme-example.ts';
  writeFileSync(file, code);
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  } finally {
    rmSync(file, { force: true });
  }
});
