/**
 * - `login_attempts`: sign-in attempts, kept in the database so that the limit holds across
 *   restarts and across several server processes on one file: one row per attempt (reserved
 *   before the password is hashed), keyed by the client address. Rows older than the window are
 *   pruned as new ones come.
 * - `server_secrets`: random keys the server makes once per database, e.g. the key of the hash
 *   that turns private commitments' ids into the opaque ids of the public plan (privacy.ts).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('login_attempts')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		/** Who tried: the client address (or another limiter key). */
		.addColumn('client', 'text', (c) => c.notNull())
		/** When, in epoch milliseconds (compared as numbers, pruned by age). */
		.addColumn('at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('login_attempts_client_at')
		.on('login_attempts')
		.columns(['client', 'at'])
		.execute();
	await db.schema.createIndex('login_attempts_at').on('login_attempts').column('at').execute();
	await db.schema
		.createTable('server_secrets')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('server_secrets').execute();
	await db.schema.dropTable('login_attempts').execute();
}
