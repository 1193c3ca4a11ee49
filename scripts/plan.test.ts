import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlanFile, type PlanFileInput } from '../src/lib/domain/schema.ts';

const ROOT = resolve(import.meta.dirname, '..');

// Every test spawns the CLI a few times; on a busy 2-core machine one spawn takes seconds.
vi.setConfig({ testTimeout: 30_000 });

function seedInput(): PlanFileInput {
	return {
		version: 1,
		name: 'CLI seed',
		zone: 'UTC',
		people: [
			{ id: 'vc', name: 'Vint Cerf', initials: 'VC', zone: 'America/New_York' },
			{ id: 'ks', name: 'Krzysztof Szubert', initials: 'KS', zone: 'Europe/Warsaw' }
		],
		locations: [
			{ id: 'riyadh', city: 'Riyadh', country: 'SA', zone: 'Asia/Riyadh', lat: 24.71, lon: 46.68 }
		],
		items: [
			{
				id: 'cover-letter',
				kind: 'action',
				title: 'Draft cover letter',
				when: { type: 'by', date: '2023-12-19', text: 'within the next day' }
			},
			{
				id: 'f2f',
				kind: 'meeting',
				title: 'Face-to-face meeting',
				when: { type: 'range', start: '2024-02-26', end: '2024-02-27' },
				location: 'riyadh'
			}
		],
		assignments: [{ id: 'cover-ks', item: 'cover-letter', role: 'lead', who: 'KS', person: 'ks' }]
	};
}

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-cli-'));
	writeFileSync(join(dir, 'seed.json'), JSON.stringify(seedInput()));
	env = {
		PATH: process.env.PATH ?? '',
		DATABASE_PATH: join(dir, 'db', 'planner.db'),
		PLAN_SEED_PATH: join(dir, 'seed.json')
	};
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

function plan(...args: string[]) {
	const result = spawnSync(process.execPath, ['scripts/plan.ts', ...args], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		timeout: 20_000
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: unknown): string {
	const path = join(dir, name);
	writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
	return path;
}

describe('plan export', () => {
	it('seeds an empty database and prints only the plan as 2-space JSON', () => {
		const { code, stdout } = plan('export');
		expect(code).toBe(0);
		const exported: unknown = JSON.parse(stdout);
		expect(exported).toEqual(PlanFile.parse(seedInput()));
		expect(stdout).toBe(`${JSON.stringify(exported, null, 2)}\n`);
	});

	it('fails with the seed file named when the seed is invalid, printing nothing on stdout', () => {
		write('seed.json', { version: 1, name: 'Bad seed', people: [], items: [{ id: 'x' }] });
		const { code, stdout, stderr } = plan('export');
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toContain(`seed ${join(dir, 'seed.json')}: items[0].kind`);
	});

	it('writes exactly the printed plan to --out FILE and says where on stdout', () => {
		const printed = plan('export').stdout;
		const file = join(dir, 'out.json');
		const { code, stdout, stderr } = plan('export', '--out', file);
		expect(code, stderr).toBe(0);
		expect(readFileSync(file, 'utf8')).toBe(printed);
		expect(stdout).toBe(`Exported "CLI seed" (2 items) to ${file}\n`);
		expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

		const other = join(dir, 'other.json');
		expect(plan('export', `--out=${other}`).code).toBe(0);
		expect(readFileSync(other, 'utf8')).toBe(printed);
	}, 30_000);

	it('resolves a relative --out and import file against where npm was started (INIT_CWD)', () => {
		env.INIT_CWD = dir;
		const exported = plan('export', '--out', 'relative.json');
		expect(exported.code, exported.stderr).toBe(0);
		expect(exported.stdout).toContain(join(dir, 'relative.json'));
		expect(existsSync(join(ROOT, 'relative.json'))).toBe(false);
		const imported = plan('import', 'relative.json');
		expect(imported.code, imported.stderr).toBe(0);
		expect(imported.stdout).toContain('unchanged: 2');
	}, 30_000);

	it('refuses malformed --out arguments with usage before touching the database', () => {
		for (const args of [['--out'], ['--out='], ['--out', 'a.json', 'b.json'], ['--outfile', 'x']]) {
			const { code, stdout, stderr } = plan('export', ...args);
			expect(code, args.join(' ')).toBe(2);
			expect(stdout).toBe('');
			expect(stderr).toContain('usage: plan export [--out <file>]');
		}
		expect(existsSync(env.DATABASE_PATH!)).toBe(false);
	}, 30_000);

	it('leaves an existing --out file as it was when the export fails', () => {
		const file = write('kept.json', 'previous export\n');
		write('seed.json', { version: 1, name: 'Bad seed', people: [], items: [{ id: 'x' }] });
		const failed = plan('export', '--out', file);
		expect(failed.code).toBe(1);
		expect(readFileSync(file, 'utf8')).toBe('previous export\n');

		write('seed.json', seedInput());
		const nowhere = plan('export', '--out', join(dir, 'missing-folder', 'plan.json'));
		expect(nowhere.code).toBe(1);
		expect(nowhere.stderr).toContain('ENOENT');
		expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	}, 30_000);
});

describe('plan import', () => {
	it('round-trips export -> import -> export unchanged', () => {
		const first = plan('export').stdout;
		const file = write('exported.json', first);
		const imported = plan('import', file);
		expect(imported.code).toBe(0);
		expect(imported.stdout).toContain('unchanged: 2');
		expect(imported.stdout).toContain('changed (0)');
		expect(plan('export').stdout).toBe(first);
	});

	it('reports added, changed and removed items', () => {
		plan('export');
		const next = seedInput();
		next.items[1]!.title = 'Face-to-face meeting in Riyadh';
		next.items = next.items.filter((i) => i.id !== 'cover-letter');
		next.assignments = [];
		next.items.push({
			id: 'wsis',
			kind: 'event',
			title: 'WSIS+20',
			when: { type: 'month', year: 2024, month: 5 }
		});
		const { code, stdout } = plan('import', write('next.json', next));
		expect(code).toBe(0);
		expect(stdout).toContain('added (1): wsis');
		expect(stdout).toContain('changed (1): f2f');
		expect(stdout).toContain('removed (1): cover-letter');
		expect(JSON.parse(plan('export').stdout)).toEqual(PlanFile.parse(next));
	});

	it('reads the plan from stdin with "-"', () => {
		const result = spawnSync(process.execPath, ['scripts/plan.ts', 'import', '-'], {
			cwd: ROOT,
			env,
			encoding: 'utf8',
			input: JSON.stringify({ ...seedInput(), name: 'From stdin' })
		});
		expect(result.status).toBe(0);
		expect((JSON.parse(plan('export').stdout) as PlanFile).name).toBe('From stdin');
	});

	it('refuses an invalid file with every issue and its path, leaving the database as it was', () => {
		const before = plan('export').stdout;
		const dbBytes = readFileSync(env.DATABASE_PATH!);
		const bad = seedInput();
		bad.assignments![0]!.person = 'nobody';
		bad.items[1]!.when = { type: 'range', start: '2024-02-27', end: '2024-02-26' };
		bad.people.push({ id: 'vc', name: 'Duplicate' });
		const { code, stdout, stderr } = plan('import', write('bad.json', bad));
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toContain('assignments[0].person: refers to unknown id "nobody"');
		expect(stderr).toContain('items[1].when.end: end is before start');
		expect(stderr).toContain('people[2].id: duplicate id "vc" in people');
		expect(readFileSync(env.DATABASE_PATH!)).toEqual(dbBytes);
		expect(plan('export').stdout).toBe(before);
	});

	it('refuses text that is not JSON, naming the position', () => {
		const { code, stderr } = plan('import', write('broken.json', '{"version": 1,\n  "name": }'));
		expect(code).toBe(1);
		expect(stderr).toContain('not valid JSON at line 2, column 11 (position 25)');
	});

	it('creates no database at all when the file is invalid', () => {
		const { code } = plan('import', write('bad.json', { version: 1 }));
		expect(code).toBe(1);
		expect(existsSync(env.DATABASE_PATH!)).toBe(false);
	});

	it('imports a valid file into an empty database without seeding first', () => {
		const own = {
			...seedInput(),
			name: 'Own plan',
			items: [seedInput().items[1]!],
			assignments: []
		};
		const { code, stdout } = plan('import', write('own.json', own));
		expect(code).toBe(0);
		expect(stdout).toContain('added (1): f2f');
		expect(stdout).toContain('removed (0)');
	});

	it('fails on a missing file, and on a missing argument with usage', () => {
		const missing = plan('import', join(dir, 'nope.json'));
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('ENOENT');
		const noArg = plan('import');
		expect(noArg.code).toBe(2);
		expect(noArg.stderr).toContain('usage: plan import');
	});
});

describe('plan commands', () => {
	it('prints help on stdout', () => {
		const { code, stdout } = plan('help');
		expect(code).toBe(0);
		expect(stdout).toMatch(/^usage: node scripts\/plan.ts <command>/);
		expect(stdout).toMatch(/export \[--out <file>\]\s+print the current plan/);
		expect(stdout).toMatch(/import <file\|-> \[--expect-version N\]\s+replace the plan/);
	});

	it('exits 2 with usage on stderr for an unknown or missing command', () => {
		const unknown = plan('frobnicate');
		expect(unknown.code).toBe(2);
		expect(unknown.stdout).toBe('');
		expect(unknown.stderr).toContain('unknown command "frobnicate"');
		expect(unknown.stderr).toContain('usage: node scripts/plan.ts <command>');
		// Object.prototype names are not commands either.
		expect(plan('toString').code).toBe(2);
		expect(plan().code).toBe(2);
	});
});

describe('plan feeds and rotate-token', () => {
	const URL_RE =
		/^(\S+)\t(.*)\thttps:\/\/planner\.example\.org\/feeds\/people\/([A-Za-z0-9_-]{43})\.ics$/;

	it('prints a new URL per person once, then only says it was issued; rotation gives a new one', () => {
		env.PUBLIC_URL = 'https://planner.example.org/';
		const first = plan('feeds');
		expect(first.code).toBe(0);
		const lines = first.stdout.trim().split('\n').slice(1);
		const tokens = lines.map((l) => URL_RE.exec(l)?.[3]);
		expect(lines.map((l) => l.split('\t')[0])).toEqual(['vc', 'ks']);
		expect(tokens.every((t) => t !== undefined)).toBe(true);
		expect(new Set(tokens).size).toBe(2);

		const again = plan('feeds');
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('already issued');
		for (const t of tokens) expect(again.stdout).not.toContain(t);

		const rotated = plan('rotate-token', 'ks');
		expect(rotated.code).toBe(0);
		const match =
			/^ks\thttps:\/\/planner\.example\.org\/feeds\/people\/([A-Za-z0-9_-]{43})\.ics\n$/.exec(
				rotated.stdout
			);
		expect(match?.[1]).toBeDefined();
		expect(match?.[1]).not.toBe(tokens[1]);

		expect(plan('rotate-token', 'nobody').code).toBe(1);
		expect(plan('rotate-token').code).toBe(2);
		expect(plan('feed-busy', 'ks', 'on').code).toBe(0);
		expect(plan('feed-busy', 'ks', 'maybe').code).toBe(2);
	}, 60_000);
});

describe('plan member-links', () => {
	it('prints a new personal link per person, and a second run replaces them', async () => {
		env.PUBLIC_URL = 'https://planner.example/';
		const first = plan('member-links');
		expect(first.code, first.stderr).toBe(0);
		const lines = first.stdout.trim().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^Vint Cerf\thttps:\/\/planner\.example\/me\/[A-Za-z0-9_-]{43}$/);
		const one = plan('member-links', 'ks');
		expect(one.stdout).toMatch(/^Krzysztof Szubert\t/);
		expect(one.stdout.trim().split('\n')).toHaveLength(1);
		expect(one.stdout).not.toContain(lines[1]!.split('\t')[1]!);

		const { DatabaseSync } = await import('node:sqlite');
		const db = new DatabaseSync(env.DATABASE_PATH!);
		const rows = db.prepare('SELECT person_id, token_hash FROM member_links').all();
		db.close();
		expect(rows).toHaveLength(2);
		// Only hashes are stored, never the links themselves.
		expect(JSON.stringify(rows)).not.toContain(lines[0]!.split('/me/')[1]!);
	});

	it('refuses unknown people', () => {
		const r = plan('member-links', 'nobody');
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('nobody');
	});
});
