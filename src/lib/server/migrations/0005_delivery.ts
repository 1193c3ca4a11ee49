/**
 * Delivery: which calendars hold which version of the plan, and the change notices sent by email.
 *
 * - `feed_fetches`: one row per fetch of a personal feed (who, when, which client family, which
 *   feed version was served or confirmed by a 304). No IP address, no full User-Agent: the family
 *   is all an organizer needs. Kept 90 days (pruned by the server).
 * - `feed_counts`: public and group feeds are anonymous, so they are only counted, per day, feed
 *   and client family.
 * - `notices`: change notices by email, with their state (sent, failed and waiting to retry).
 *
 * No foreign key to `people`: the write path still rewrites the people rows wholesale on every
 * edit, which would cascade or fail; a later migration can add it once person rows are stable.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('feed_fetches')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('client', 'text', (c) => c.notNull())
		/** 200 (the feed was sent) or 304 (the client's copy was confirmed current). */
		.addColumn('status', 'integer', (c) => c.notNull())
		/** The feed's ETag: the version the client holds after this fetch. */
		.addColumn('version', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('feed_fetches_person_at')
		.on('feed_fetches')
		.columns(['person_id', 'at'])
		.execute();
	await db.schema.createIndex('feed_fetches_at').on('feed_fetches').column('at').execute();

	await db.schema
		.createTable('feed_counts')
		.addColumn('day', 'text', (c) => c.notNull())
		/** The feed's path, e.g. `/calendar.ics` or `/feeds/groups/mag.ics`. */
		.addColumn('feed', 'text', (c) => c.notNull())
		.addColumn('client', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('feed_counts_pk', ['day', 'feed', 'client'])
		.execute();

	await db.schema
		.createTable('notices')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('item_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		/** `organizer:<name>` for a notice sent by hand, `auto` for the timer's. */
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		/** REQUEST or CANCEL. */
		.addColumn('method', 'text', (c) => c.notNull())
		.addColumn('sequence', 'integer', (c) => c.notNull())
		/** The item's revision the notice is about: one automatic notice per person and revision. */
		.addColumn('revision', 'integer', (c) => c.notNull())
		.addColumn('sentence', 'text', (c) => c.notNull())
		/** pending, sent or failed (failed ones are retried until `attempts` reaches the limit). */
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_error', 'text')
		.addColumn('sent_at', 'text')
		.addColumn('next_try_at', 'text')
		.execute();
	await db.schema
		.createIndex('notices_item_person')
		.on('notices')
		.columns(['item_id', 'person_id', 'revision'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('notices').execute();
	await db.schema.dropTable('feed_counts').execute();
	await db.schema.dropTable('feed_fetches').execute();
}
