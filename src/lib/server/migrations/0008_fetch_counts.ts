/**
 * Identical fetches of a personal feed (same person, client family, status and version) that
 * arrive within one flush of the ledger are written as one row with a count. A calendar app polls
 * every few hours, so real rows keep a count of 1; a client stuck in a loop (or a benchmark) no
 * longer costs one insert per request. `at` is the last of the fetches the row stands for.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('feed_fetches')
		.addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('feed_fetches').dropColumn('count').execute();
}
