/**
 * The default plan: imported into an empty database on first start, never over a plan that is
 * already there (people's edits and imports win over the shipped data).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { PlanFile } from '../domain/schema.ts';
import type { Database } from './db.ts';
import { hasPlan, parsePlanJson, replacePlanInTransaction } from './plan-repository.ts';

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

/**
 * Imports `seed` when the database has no plan yet; returns whether it did. `seed` may be a
 * function so the file is only read and validated on a first start. The check and the import
 * share one transaction, so two processes starting together import it once.
 */
export async function ensureSeeded(
	db: Kysely<Database>,
	seed: PlanFile | (() => PlanFile),
	now: string
): Promise<boolean> {
	if (await hasPlan(db)) return false;
	const plan = typeof seed === 'function' ? seed() : seed;
	return db.transaction().execute(async (trx) => {
		if (await hasPlan(trx)) return false;
		await replacePlanInTransaction(trx, plan, now);
		return true;
	});
}
