/**
 * The README's shell round trip, exactly as a person types it: `npm run plan -- export > plan.json`
 * must write nothing but the PlanFile (npm's own banner must not end up in the file), and
 * `npm run plan -- import plan.json` must take it back.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { PlanFile } from '#lib/domain/schema.ts';
import { ROOT } from '../helpers/server.ts';

const run = promisify(execFile);

it('npm run plan -- export writes a clean PlanFile that npm run plan -- import reads back', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'iww-npm-'));
	const env = { ...process.env, DATABASE_PATH: path.join(dir, 'planner.db') };
	const exported = await run('npm', ['run', 'plan', '--', 'export'], { cwd: ROOT, env });
	const plan = PlanFile.parse(JSON.parse(exported.stdout));
	expect(plan.people.some((p) => p.name === 'Vint Cerf')).toBe(true);

	const file = path.join(dir, 'plan.json');
	writeFileSync(file, exported.stdout);
	const imported = await run('npm', ['run', 'plan', '--', 'import', file], { cwd: ROOT, env });
	expect(imported.stdout).toContain(`unchanged: ${plan.items.length}`);

	const again = await run('npm', ['run', 'plan', '--', 'export'], { cwd: ROOT, env });
	expect(again.stdout).toBe(readFileSync(file, 'utf8'));
});
