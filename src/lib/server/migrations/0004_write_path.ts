/**
 * The one write path: rows are now written per entity, never deleted wholesale, so the tables can
 * hold real foreign keys and history can be filtered through an index instead of `LIKE`.
 *
 * - `history` gets a typed actor (`actor_kind`, `actor_id`; `actor` keeps the display name), and
 *   `history_refs` (one row per item or person an entry touches, indexed by ref).
 * - `feed_tokens` and `member_links` point at `people` (a person's link and feed leave with them).
 * - `commitments.source` becomes a column: members' busy periods are queried by person and source.
 *
 * Old rows are carried over: legacy actor strings ("organizer:Ana", "member:id", "api", "cli") are
 * parsed, and the comma-wrapped `refs` are split into `history_refs`. Tokens of people no longer
 * in the plan cannot be used by anyone (the person is gone) and are not carried over.
 */
import { sql, type Kysely } from 'kysely';
import { actorId, actorLabel, parseLegacyActor } from '../../domain/actor.ts';

// The migrator works on whatever schema the database has, not on our table types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

async function rebuildWithPersonKey(
	db: Db,
	table: 'feed_tokens' | 'member_links',
	columns: (t: ReturnType<Db['schema']['createTable']>) => ReturnType<Db['schema']['createTable']>
): Promise<void> {
	const tmp = `${table}_new`;
	await columns(db.schema.createTable(tmp)).execute();
	await sql`insert into ${sql.table(tmp)} select * from ${sql.table(table)} where person_id in (select id from people)`.execute(
		db
	);
	await db.schema.dropTable(table).execute();
	await db.schema.alterTable(tmp).renameTo(table).execute();
}

// Long on purpose: one schema step after another, frozen history that must not change (issue 17).
export async function up(db: Db): Promise<void> {
	await db.schema
		.alterTable('history')
		.addColumn('actor_kind', 'text', (c) => c.notNull().defaultTo('system'))
		.execute();
	await db.schema.alterTable('history').addColumn('actor_id', 'text').execute();
	await db.schema
		.createTable('history_refs')
		.addColumn('history_id', 'integer', (c) =>
			c.notNull().references('history.id').onDelete('cascade')
		)
		.addColumn('ref', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('history_refs_pk', ['ref', 'history_id'])
		.execute();
	await db.schema
		.createIndex('history_actor')
		.on('history')
		.columns(['actor_kind', 'actor_id'])
		.execute();

	const rows = (await db.selectFrom('history').select(['id', 'actor', 'refs']).execute()) as {
		id: number;
		actor: string;
		refs: string;
	}[];
	for (const row of rows) {
		const actor = parseLegacyActor(row.actor);
		await db
			.updateTable('history')
			.set({ actor: actorLabel(actor), actor_kind: actor.kind, actor_id: actorId(actor) })
			.where('id', '=', row.id)
			.execute();
		const refs = [...new Set(row.refs.split(',').filter((r) => r !== ''))];
		for (const ref of refs) {
			await db.insertInto('history_refs').values({ history_id: row.id, ref }).execute();
		}
	}

	await rebuildWithPersonKey(db, 'feed_tokens', (t) =>
		t
			.addColumn('person_id', 'text', (c) =>
				c.primaryKey().references('people.id').onDelete('cascade')
			)
			.addColumn('token_hash', 'text', (c) => c.notNull().unique())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('include_private_busy', 'integer', (c) => c.notNull().defaultTo(0))
	);
	await rebuildWithPersonKey(db, 'member_links', (t) =>
		t
			.addColumn('person_id', 'text', (c) =>
				c.primaryKey().references('people.id').onDelete('cascade')
			)
			.addColumn('token_hash', 'text', (c) => c.notNull().unique())
			.addColumn('created_at', 'text', (c) => c.notNull())
	);

	await db.schema
		.alterTable('commitments')
		.addColumn('source', 'text', (c) => c.notNull().defaultTo('busy'))
		.execute();
	const commitments = (await db.selectFrom('commitments').select(['id', 'data']).execute()) as {
		id: string;
		data: string;
	}[];
	for (const c of commitments) {
		const source = (JSON.parse(c.data) as { source?: string }).source ?? 'busy';
		await db.updateTable('commitments').set({ source }).where('id', '=', c.id).execute();
	}
	await db.schema
		.createIndex('commitments_person_source')
		.on('commitments')
		.columns(['person_id', 'source'])
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropIndex('commitments_person_source').execute();
	await db.schema.alterTable('commitments').dropColumn('source').execute();
	await db.schema.dropTable('history_refs').execute();
	await db.schema.dropIndex('history_actor').execute();
	await db.schema.alterTable('history').dropColumn('actor_id').execute();
	await db.schema.alterTable('history').dropColumn('actor_kind').execute();
}
