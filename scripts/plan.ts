/**
 * The plan on the command line: `node scripts/plan.ts <command>` (or `npm run plan -- <command>`).
 * Works on the database at DATABASE_PATH (default ./data/planner.db), the same one the app uses;
 * a database with no plan yet is first seeded from PLAN_SEED_PATH (default the shipped IWW plan).
 *
 * Commands are entries in COMMANDS: add one there and `help` lists it.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { readConfig } from '../src/lib/server/config.ts';
import { closeDatabase, openDatabase, type Database } from '../src/lib/server/db.ts';
import type { Actor } from '../src/lib/domain/actor.ts';
import {
	loadPlan,
	loadPlanAndVersion,
	parsePlanJson,
	PlanValidationError,
	type ImportSummary
} from '../src/lib/server/plan-repository.ts';
import { PlanConflict, writePlan } from '../src/lib/server/write.ts';
import { ensureSeeded, readPlanFile, resolveSeedPath } from '../src/lib/server/seed.ts';
import { personFeedPath } from '../src/lib/feeds/catalog.ts';
import { issueToken, setPrivateBusy, tokenDates } from '../src/lib/server/feed-tokens.ts';
import { issueMemberLink } from '../src/lib/server/accounts.ts';

export type CliIo = {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
};

export type CliContext = {
	env: Record<string, string | undefined>;
	io: CliIo;
	/** The current instant, ISO; read at this edge only. */
	now: () => string;
};

export type Command = {
	/** Arguments after the command name, as shown in the usage. */
	args: string;
	summary: string;
	/** Returns the exit code. Errors thrown are reported by `main` (exit 1). */
	run: (args: string[], ctx: CliContext) => Promise<number>;
};

export const DEFAULT_DATABASE_PATH = readConfig({}).databasePath;

/** The same database the app would use with this environment. */
export function databasePath(env: Record<string, string | undefined>): string {
	return readConfig(env).databasePath;
}

/**
 * Runs `work` on the app's database, closing it afterwards. With `seed`, an empty database gets
 * the seed plan first, exactly as the app does on its first start.
 */
export async function withDatabase<T>(
	ctx: CliContext,
	options: { seed: boolean },
	work: (db: Kysely<Database>) => Promise<T>
): Promise<T> {
	const db = openDatabase(databasePath(ctx.env));
	try {
		if (options.seed) {
			const seedPath = resolveSeedPath(ctx.env);
			await ensureSeeded(db, () => readSeed(seedPath), ctx.now());
		}
		return await work(db);
	} finally {
		await closeDatabase(db);
	}
}

function readSeed(path: string) {
	try {
		return readPlanFile(path);
	} catch (e) {
		if (e instanceof PlanValidationError) {
			throw new PlanValidationError(e.issues.map((i) => `seed ${path}: ${i}`));
		}
		throw e;
	}
}

/** Where private feed URLs point: PUBLIC_URL, or the local default of `npm start`. */
export function publicUrl(env: Record<string, string | undefined>): string {
	return (
		env.PUBLIC_URL?.trim().replace(/\/+$/, '') || `http://localhost:${env.PORT?.trim() || '3000'}`
	);
}

function formatSummary(summary: ImportSummary): string {
	const list = (label: string, ids: string[]) =>
		`${label} (${ids.length})${ids.length ? `: ${ids.join(', ')}` : ''}`;
	return [
		list('added', summary.added),
		list('changed', summary.changed),
		list('removed', summary.removed),
		`unchanged: ${summary.unchanged}`
	].join('\n');
}

/**
 * A file named on the command line, relative to where the person typed it. `npm run` starts
 * scripts in the project's root and says where it was started in INIT_CWD; run directly with
 * node, that is the current directory.
 */
export function callerPath(env: Record<string, string | undefined>, file: string): string {
	return path.resolve(env.INIT_CWD?.trim() || '.', file);
}

/** `export`'s arguments: nothing (stdout) or `--out FILE` / `--out=FILE`; null when malformed. */
function exportTarget(args: string[]): { out: string | undefined } | null {
	const [first, second, ...extra] = args;
	if (first === undefined) return { out: undefined };
	if (first === '--out' && second && !second.startsWith('-') && extra.length === 0) {
		return { out: second };
	}
	if (first.startsWith('--out=') && first.length > 6 && second === undefined) {
		return { out: first.slice(6) };
	}
	return null;
}

/**
 * Writes next to the target and renames, so a reader never sees half a plan and a failure
 * leaves an existing file as it was.
 */
function writeWhole(file: string, text: string): void {
	const temp = `${file}.${process.pid}.tmp`;
	try {
		writeFileSync(temp, text);
		renameSync(temp, file);
	} catch (e) {
		rmSync(temp, { force: true });
		throw e;
	}
}

export const COMMANDS: Record<string, Command> = {
	export: {
		args: '[--out <file>]',
		summary:
			'print the current plan as PlanFile JSON on stdout, or write it to <file> (nothing else goes in it)',
		run: async (args, ctx) => {
			const target = exportTarget(args);
			if (!target) {
				ctx.io.stderr('usage: plan export [--out <file>]\n');
				return 2;
			}
			const loaded = await withDatabase(ctx, { seed: true }, loadPlanAndVersion);
			if (!loaded) throw new Error('the database has no plan');
			const { plan, version } = loaded;
			// On stderr, so the JSON on stdout stays a pure plan file.
			ctx.io.stderr(
				`plan version ${version} (import with --expect-version ${version} to refuse if it changed meanwhile)\n`
			);
			const json = `${JSON.stringify(plan, null, 2)}\n`;
			if (target.out === undefined) {
				ctx.io.stdout(json);
				return 0;
			}
			const file = callerPath(ctx.env, target.out);
			writeWhole(file, json);
			ctx.io.stdout(`Exported "${plan.name}" (${plan.items.length} items) to ${file}\n`);
			return 0;
		}
	},
	import: {
		args: '<file|-> [--expect-version N]',
		summary:
			'replace the plan with a PlanFile JSON file (- reads stdin); prints what changed. With --expect-version, refuses if the plan version is no longer N (export prints it on stderr)',
		run: async (args, ctx) => {
			const flag = args.indexOf('--expect-version');
			const expectedText = flag >= 0 ? args[flag + 1] : undefined;
			const rest = flag >= 0 ? args.filter((_, i) => i !== flag && i !== flag + 1) : args;
			const [file, ...extra] = rest;
			const expectedVersion = expectedText === undefined ? undefined : Number(expectedText);
			if (
				file === undefined ||
				extra.length > 0 ||
				(flag >= 0 &&
					!(
						expectedVersion !== undefined &&
						Number.isInteger(expectedVersion) &&
						expectedVersion >= 0
					))
			) {
				ctx.io.stderr(`usage: plan import <file|-> [--expect-version N]\n`);
				return 2;
			}
			// Validate before opening the database, so a bad file changes nothing at all.
			const plan = parsePlanJson(
				readFileSync(file === '-' ? 0 : callerPath(ctx.env, file), 'utf8')
			);
			// No seeding first: seeding an empty database just to replace it would leave every
			// seed item behind as a removed item, published as "cancelled" in people's calendars.
			const actor: Actor = { kind: 'cli', ...(ctx.env.USER ? { user: ctx.env.USER } : {}) };
			const out = await withDatabase(ctx, { seed: false }, (db) =>
				writePlan(db, actor, { replace: plan }, { now: ctx.now(), expectedVersion })
			).catch((e: unknown) => {
				if (e instanceof PlanConflict) {
					ctx.io.stderr(`${e.message}\n`);
					return null;
				}
				throw e;
			});
			if (out === null) return 3;
			const summary = out.summary;
			ctx.io.stdout(`Imported "${plan.name}" into ${databasePath(ctx.env)}\n`);
			ctx.io.stdout(`${formatSummary(summary)}\n`);
			return 0;
		}
	},
	feeds: {
		args: '',
		summary:
			"print each person's private feed URL, creating tokens for people without one (a token is stored hashed: an existing one cannot be shown again, rotate it instead)",
		run: async (_args, ctx) => {
			const base = publicUrl(ctx.env);
			await withDatabase(ctx, { seed: true }, async (db) => {
				const plan = await loadPlan(db);
				if (!plan) throw new Error('the database has no plan');
				const issued = await tokenDates(db);
				ctx.io.stdout(`Private feed URLs (base ${base}; set PUBLIC_URL to change it):\n`);
				for (const p of plan.people) {
					const since = issued.get(p.id);
					if (since === undefined) {
						const token = await issueToken(db, p.id, ctx.now());
						ctx.io.stdout(`${p.id}\t${p.name}\t${base}${personFeedPath(token)}\n`);
					} else {
						ctx.io.stdout(
							`${p.id}\t${p.name}\talready issued ${since}; URLs are shown only once: \`rotate-token ${p.id}\` makes a new one (the old one stops working)\n`
						);
					}
				}
			});
			return 0;
		}
	},
	'rotate-token': {
		args: '<person-id>',
		summary:
			"replace a person's private feed token and print the new URL (the old URL stops working)",
		run: async (args, ctx) => {
			const [id, ...extra] = args;
			if (id === undefined || extra.length > 0) {
				ctx.io.stderr('usage: plan rotate-token <person-id>\n');
				return 2;
			}
			return withDatabase(ctx, { seed: true }, async (db) => {
				const plan = await loadPlan(db);
				if (!plan?.people.some((p) => p.id === id)) {
					ctx.io.stderr(`plan rotate-token: there is nobody with id "${id}" in the plan\n`);
					return 1;
				}
				const token = await issueToken(db, id, ctx.now());
				ctx.io.stdout(`${id}\t${publicUrl(ctx.env)}${personFeedPath(token)}\n`);
				return 0;
			});
		}
	},
	'feed-busy': {
		args: '<person-id> on|off',
		summary: "show (on) or hide (off) a person's private busy periods in their own feed",
		run: async (args, ctx) => {
			const [id, flag, ...extra] = args;
			if (id === undefined || (flag !== 'on' && flag !== 'off') || extra.length > 0) {
				ctx.io.stderr('usage: plan feed-busy <person-id> on|off\n');
				return 2;
			}
			return withDatabase(ctx, { seed: true }, async (db) => {
				if (!(await setPrivateBusy(db, id, flag === 'on'))) {
					ctx.io.stderr(`plan feed-busy: "${id}" has no feed yet; run \`feeds\` first\n`);
					return 1;
				}
				ctx.io.stdout(`${id}: private busy periods ${flag === 'on' ? 'shown' : 'hidden'}\n`);
				return 0;
			});
		}
	},
	'member-links': {
		args: '[person-id…]',
		summary:
			'print personal /me links (all people, or those named); issues NEW links, old ones stop working',
		run: async (args, ctx) => {
			const base = (ctx.env.PUBLIC_URL ?? ctx.env.ORIGIN ?? 'http://localhost:3000').replace(
				/\/+$/,
				''
			);
			return withDatabase(ctx, { seed: true }, async (db) => {
				const plan = await loadPlan(db);
				if (!plan) throw new Error('the database has no plan');
				const unknown = args.filter((id) => !plan.people.some((p) => p.id === id));
				if (unknown.length) {
					ctx.io.stderr(`unknown person id: ${unknown.join(', ')}\n`);
					return 2;
				}
				const people = args.length ? plan.people.filter((p) => args.includes(p.id)) : plan.people;
				for (const p of people) {
					const token = await issueMemberLink(db, p.id, ctx.now());
					ctx.io.stdout(`${p.name}\t${base}/me/${token}\n`);
				}
				return 0;
			});
		}
	},
	help: {
		args: '',
		summary: 'show this help',
		run: (_args, ctx) => {
			ctx.io.stdout(usage());
			return Promise.resolve(0);
		}
	}
};

export function usage(): string {
	const width = Math.max(...Object.entries(COMMANDS).map(([n, c]) => `${n} ${c.args}`.length));
	const lines = Object.entries(COMMANDS).map(
		([name, c]) => `  ${`${name} ${c.args}`.padEnd(width)}  ${c.summary}`
	);
	return [
		'usage: node scripts/plan.ts <command>',
		'',
		'commands:',
		...lines,
		'',
		`environment: DATABASE_PATH (default ${DEFAULT_DATABASE_PATH}),`,
		'             PLAN_SEED_PATH (default data/iww-2024.plan.json)',
		''
	].join('\n');
}

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 bad usage). */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
	const [name, ...args] = argv;
	const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
	if (!command) {
		if (name !== undefined) ctx.io.stderr(`unknown command "${name}"\n`);
		ctx.io.stderr(usage());
		return 2;
	}
	try {
		return await command.run(args, ctx);
	} catch (e) {
		if (e instanceof PlanValidationError) {
			ctx.io.stderr(`${e.message}\n`);
		} else {
			ctx.io.stderr(`plan ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
		}
		return 1;
	}
}

if (import.meta.main) {
	process.exitCode = await main(process.argv.slice(2), {
		env: process.env,
		io: {
			stdout: (text) => void process.stdout.write(text),
			stderr: (text) => void process.stderr.write(text)
		},
		now: () => new Date().toISOString()
	});
}
