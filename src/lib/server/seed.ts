/**
 * The default plan: imported into an empty database on first start, never over a plan that is
 * already there (people's edits and imports win over the shipped data).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { PlanFile } from '../domain/schema.ts';
import type { Database } from './db.ts';
import { parsePlanJson, replacePlanInTransaction } from './plan-repository.ts';

/** The shipped IWW 2024 plan, relative to the directory the app or CLI runs from (repo root). */
export const SEED_PATH = resolve(process.cwd(), 'data/iww-2024.plan.json');

/** The seed file to use: `PLAN_SEED_PATH` when set (tests, other deployments), else SEED_PATH. */
export function resolveSeedPath(env: Record<string, string | undefined> = process.env): string {
	const override = env.PLAN_SEED_PATH?.trim();
	return override ? resolve(override) : SEED_PATH;
}

/** Reads and validates a PlanFile JSON file; throws PlanValidationError when it is not one. */
export function readPlanFile(path: string): PlanFile {
	return parsePlanJson(readFileSync(path, 'utf8'));
}

/** The database has plan rows but no readable plan header: starting would risk the data. */
export class UnreadablePlanError extends Error {
	constructor(path: string, what: string) {
		super(
			`The database at ${path} holds plan data but ${what}. Nothing was changed. ` +
				'Restore it from a backup, or export what it holds with `npm run plan -- export` after fixing it; ' +
				'the app will not seed the demo over it.'
		);
		this.name = 'UnreadablePlanError';
	}
}

/** Whether any plan table holds a row (a database someone has used). */
async function hasPlanRows(db: Kysely<Database>): Promise<boolean> {
	for (const table of ['items', 'people', 'groups', 'locations', 'commitments'] as const) {
		const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
		if (row) return true;
	}
	const history = await db.selectFrom('history').select('id').limit(1).executeTakeFirst();
	return history !== undefined;
}

/**
 * Imports `seed` into an empty database only; returns whether it did. `seed` may be a function
 * so the file is only read and validated on a first start. The check and the import share one
 * transaction, so two processes starting together import it once. A database that holds data but
 * no readable plan header is refused (UnreadablePlanError) instead of being seeded over.
 */
export async function ensureSeeded(
	db: Kysely<Database>,
	seed: PlanFile | (() => PlanFile),
	now: string,
	path = 'this path'
): Promise<boolean> {
	const check = async (db: Kysely<Database>): Promise<boolean> => {
		const header = await db
			.selectFrom('plan_meta')
			.select('value')
			.where('key', '=', 'header')
			.executeTakeFirst();
		if (header) {
			try {
				JSON.parse(header.value);
			} catch {
				throw new UnreadablePlanError(path, 'its plan header is not readable JSON');
			}
			return false;
		}
		if (await hasPlanRows(db)) throw new UnreadablePlanError(path, 'no plan header (plan_meta)');
		return true;
	};
	if (!(await check(db))) return false;
	const plan = typeof seed === 'function' ? seed() : seed;
	return db.transaction().execute(async (trx) => {
		if (!(await check(trx))) return false;
		await replacePlanInTransaction(trx, plan, now, { kind: 'system', task: 'seed' }, 'seed');
		return true;
	});
}
