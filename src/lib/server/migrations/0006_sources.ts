/**
 * Availability sources: the calendars a member's busy periods come from (uploaded files and
 * subscribed addresses). The periods themselves stay commitments in the plan (their JSON carries
 * `sourceId`, `uid` and `recurrenceId`); this table holds what is not plan data: the address (a
 * secret), the refresh state and the member's settings for the source.
 *
 * No foreign key to `people` (see 0005): person rows are rewritten by the write path.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('availability_sources')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'text', (c) => c.notNull())
		/** file or url (the manual list is the periods without a source). */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('url', 'text')
		.addColumn('strength', 'text', (c) => c.notNull().defaultTo('hard'))
		.addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
		.addColumn('keep_summary', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_refresh_at', 'text')
		.addColumn('last_ok_at', 'text')
		.addColumn('last_error', 'text')
		.addColumn('etag', 'text')
		.addColumn('last_modified', 'text')
		.addColumn('next_refresh_at', 'text')
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('content_hash', 'text')
		.execute();
	await db.schema
		.createIndex('availability_sources_person')
		.on('availability_sources')
		.column('person_id')
		.execute();
	await db.schema
		.createIndex('availability_sources_due')
		.on('availability_sources')
		.columns(['kind', 'paused', 'next_refresh_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('availability_sources').execute();
}
