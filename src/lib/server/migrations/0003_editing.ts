/**
 * Editing: organizer credentials and sessions, members' personal links, and the change history.
 *
 * Secrets are never stored: passwords as scrypt hashes, session ids, setup tokens and member
 * links as SHA-256 of the random token. Nothing here has a foreign key to the plan tables,
 * because an import replaces those rows wholesale and a member's link or a history entry must
 * survive that. Busy periods need no table of their own: they are commitments with
 * `source: "busy"`, stored with the rest of the plan.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('organizers')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id_hash', 'text', (c) => c.primaryKey())
		.addColumn('organizer_id', 'text', (c) => c.notNull())
		/** The name the organizer gave at sign-in, for the history. */
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('setup_tokens')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('member_links')
		.addColumn('person_id', 'text', (c) => c.primaryKey())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('history')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('at', 'text', (c) => c.notNull())
		/** "organizer:<id>", "member:<person id>", "api" or "cli". */
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		/** Ids of the items and people the change touches, comma-wrapped (",a,b,") for filters. */
		.addColumn('refs', 'text', (c) => c.notNull())
		.addColumn('before', 'text')
		.addColumn('after', 'text')
		.execute();
	await db.schema.createIndex('history_at').on('history').column('at').execute();
	await db.schema.createIndex('history_entity').on('history').columns(['entity_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['history', 'member_links', 'setup_tokens', 'sessions', 'organizers']) {
		await db.schema.dropTable(table).execute();
	}
}
