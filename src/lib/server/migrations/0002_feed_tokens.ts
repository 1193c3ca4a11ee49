/**
 * Private calendar feeds: one secret token per person, stored only as its SHA-256 (a leaked
 * database does not leak feed URLs), replaced on rotation, plus the person's choice to show their
 * private busy periods in their own feed. Keyed by person id without a foreign key: the plan
 * import replaces the people rows wholesale, and a token must survive that.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('feed_tokens')
		.addColumn('person_id', 'text', (c) => c.primaryKey())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('include_private_busy', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('feed_tokens').execute();
}
