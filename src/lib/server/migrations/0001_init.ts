/**
 * The first schema. Every plan entity is stored as its PlanFile JSON in `data`, with its place in
 * the file in `position`, so an export gives back exactly what was imported; the columns beside it
 * are the ones queries filter or join on, and the foreign keys are a second line of defence behind
 * the PlanFile validation. Items carry their own revision history for calendar feeds (SEQUENCE,
 * LAST-MODIFIED, and CANCELLED for items that left the plan).
 *
 * Written with Kysely's schema builder in portable types (text, integer) so it also runs on
 * PostgreSQL.
 */
import type { Kysely } from 'kysely';

const ENTITY_TABLES = ['people', 'groups', 'locations'] as const;

// Long on purpose: one table after another, frozen history that must not change (issue 17).
// The migration sees the database as it is at this point in history, not the current types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('plan_meta')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	for (const table of ENTITY_TABLES) {
		await db.schema
			.createTable(table)
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('data', 'text', (c) => c.notNull())
			.execute();
	}

	await db.schema
		.createTable('items')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('content_hash', 'text', (c) => c.notNull())
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text')
		.execute();
	// The live plan is read in file order without deleted items.
	await db.schema
		.createIndex('items_live_position')
		.on('items')
		.columns(['deleted_at', 'position'])
		.execute();

	await db.schema
		.createTable('assignments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
		.addColumn('person_id', 'text', (c) => c.references('people.id'))
		.addColumn('group_id', 'text', (c) => c.references('groups.id'))
		.execute();
	await db.schema.createIndex('assignments_item').on('assignments').column('item_id').execute();
	await db.schema.createIndex('assignments_person').on('assignments').column('person_id').execute();
	await db.schema.createIndex('assignments_group').on('assignments').column('group_id').execute();

	await db.schema
		.createTable('dependencies')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('from_id', 'text', (c) => c.notNull().references('items.id'))
		.addColumn('to_id', 'text', (c) => c.notNull().references('items.id'))
		.execute();
	await db.schema.createIndex('dependencies_from').on('dependencies').column('from_id').execute();
	await db.schema.createIndex('dependencies_to').on('dependencies').column('to_id').execute();

	await db.schema
		.createTable('commitments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
		.addColumn('item_id', 'text', (c) => c.references('items.id'))
		.execute();
	await db.schema.createIndex('commitments_person').on('commitments').column('person_id').execute();
	await db.schema.createIndex('commitments_item').on('commitments').column('item_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'commitments',
		'dependencies',
		'assignments',
		'items',
		...ENTITY_TABLES,
		'plan_meta'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
