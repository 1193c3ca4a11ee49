/**
 * The README's shell commands through npm, as a person types them. npm prints its "> script"
 * banner on stdout, so a clean plan.json comes from `npm run --silent plan -- export > plan.json`
 * or from `export --out plan.json`; both must hold nothing but the PlanFile, and import must take
 * it back. And every npm script must run on the Node that package.json pins (node_modules/.bin
 * comes first on a script's PATH), whatever `node` the person's own PATH finds first.
 */
import { execFile } from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	realpathSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { PlanFile } from '#lib/domain/schema.ts';
import { ROOT } from '../helpers/server.ts';

const run = promisify(execFile);

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PINNED = (
	JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		devDependencies: Record<string, string>;
	}
).devDependencies.node;
const PINNED_BIN = path.join(ROOT, 'node_modules', '.bin', 'node');

/** npm's own entry script, so npm can be started without looking `node` up on PATH. */
function npmCli(): string {
	const fromNpm = process.env.npm_execpath;
	if (fromNpm && /npm-cli\.c?js$/.test(fromNpm)) return fromNpm;
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, 'npm');
		if (dir && existsSync(candidate)) return realpathSync(candidate);
	}
	throw new Error('npm is not on PATH');
}

it('the README export and import commands write a clean PlanFile and read it back', async () => {
	for (const command of [
		'npm run --silent plan -- export > plan.json',
		'npm run plan -- export --out plan.json',
		'npm run plan -- import plan.json'
	]) {
		expect(README).toContain(command);
	}
	// Typed in another folder (npm --prefix): the shell's redirect and the CLI's file arguments
	// both land where the person is, not in the project.
	const dir = mkdtempSync(path.join(tmpdir(), 'iww-npm-'));
	const env = { ...process.env, DATABASE_PATH: path.join(dir, 'planner.db'), ROOT };
	const sh = (line: string) => run('sh', ['-c', line], { cwd: dir, env });

	await sh('npm --prefix "$ROOT" run --silent plan -- export > plan.json');
	const text = readFileSync(path.join(dir, 'plan.json'), 'utf8');
	const plan = PlanFile.parse(JSON.parse(text));
	expect(plan.people.some((p) => p.name === 'Vint Cerf')).toBe(true);

	const out = await sh('npm --prefix "$ROOT" run plan -- export --out out.json');
	expect(out.stdout).toContain(`to ${path.join(dir, 'out.json')}`);
	expect(readFileSync(path.join(dir, 'out.json'), 'utf8')).toBe(text);

	const imported = await sh('npm --prefix "$ROOT" run plan -- import plan.json');
	expect(imported.stdout).toContain(`unchanged: ${plan.items.length}`);
	await sh('npm --prefix "$ROOT" run --silent plan -- export > again.json');
	expect(readFileSync(path.join(dir, 'again.json'), 'utf8')).toBe(text);
}, 120_000);

it('npm scripts run on the pinned Node even when another node comes first on PATH', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'iww-node-'));
	const decoy = path.join(dir, 'bin', 'node');
	await run('mkdir', ['-p', path.dirname(decoy)]);
	writeFileSync(decoy, '#!/bin/sh\necho "decoy node ran: $*" >&2\nexit 97\n');
	chmodSync(decoy, 0o755);
	const env = {
		...process.env,
		PATH: `${path.dirname(decoy)}${path.delimiter}${process.env.PATH ?? ''}`,
		DATABASE_PATH: path.join(dir, 'planner.db')
	};
	const file = path.join(dir, 'plan.json');
	const attempt = run(
		process.execPath,
		[npmCli(), 'run', '--silent', 'plan', '--', 'export', '--out', file],
		{ cwd: ROOT, env }
	);

	if (existsSync(PINNED_BIN)) {
		const { stdout } = await run(PINNED_BIN, ['--version']);
		expect(stdout.trim()).toBe(`v${PINNED}`);
		await attempt;
		PlanFile.parse(JSON.parse(readFileSync(file, 'utf8')));
	} else {
		// Installed with --ignore-scripts (the README's "your own Node"): PATH's node runs them.
		await expect(attempt).rejects.toMatchObject({ code: 97 });
	}
}, 60_000);
