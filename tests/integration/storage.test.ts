/**
 * The storage refuses clearly and loses nothing: a full disk (a SQLite page quota, which fails
 * exactly like a full disk: SQLITE_FULL) is a 503 that says nothing was saved; a bad
 * DATABASE_PATH names the path; a database with data but no readable plan row is never seeded
 * over; a member cannot touch an organizer's outside-event commitment about them.
 */
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberLink } from '../helpers/cli.ts';
import { postForm } from '../helpers/forms.ts';
import { fetchText } from '../helpers/http.ts';
import { removeTempDb, startServer, tempDbPath, type RunningServer } from '../helpers/server.ts';

const TOKEN = 'storage-test-token';
const auth = { authorization: `Bearer ${TOKEN}` };

function pageCount(dbPath: string): number {
	const db = new DatabaseSync(dbPath);
	try {
		db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
		return Number((db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
	} finally {
		db.close();
	}
}

describe('a full disk', () => {
	const dbPath = tempDbPath();
	let server: RunningServer;
	beforeAll(async () => {
		const first = await startServer({ dbPath, env: { ADMIN_TOKEN: TOKEN } });
		await first.stop();
		// No page beyond what the seeded database already has.
		server = await startServer({
			dbPath,
			env: { ADMIN_TOKEN: TOKEN, DATABASE_MAX_PAGES: String(pageCount(dbPath)) }
		});
	});
	afterAll(async () => {
		await server?.stop();
		removeTempDb(dbPath);
	});

	it('answers 503 "storage is full, nothing was saved", changes nothing and keeps serving', async () => {
		const before = (await fetchText(`${server.url}/api/plan`, { headers: auth })).body;
		const plan = JSON.parse(before) as { items: Record<string, unknown>[] };
		for (let i = 0; i < 400; i++) {
			plan.items.push({
				id: `filler-${i}`,
				kind: 'action',
				title: `Filler ${i} ${'x'.repeat(400)}`,
				when: { type: 'day', date: '2024-05-02' }
			});
		}
		const res = await fetch(`${server.url}/api/plan`, {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify(plan)
		});
		const text = await res.text();
		expect(res.status, text.slice(0, 300)).toBe(503);
		expect(text).toMatch(/storage is full, nothing was saved/i);
		expect((await fetchText(`${server.url}/api/plan`, { headers: auth })).body).toBe(before);
		expect((await fetchText(`${server.url}/`)).status).toBe(200);
	});
});

describe('start-up', () => {
	it('names a DATABASE_PATH it cannot open', async () => {
		// (Not under /proc: mkdir -p there never returns on Linux.)
		const bad = '/dev/null/iww/planner.db';
		const started = startServer({ env: { DATABASE_PATH: bad } });
		await expect(started).rejects.toThrow(
			/Cannot open the database at \/dev\/null\/iww\/planner\.db \(DATABASE_PATH\)/
		);
	});

	it('refuses a database with data but no plan row, and leaves it as it was', async () => {
		const dbPath = tempDbPath();
		try {
			const first = await startServer({ dbPath });
			await first.stop();
			const db = new DatabaseSync(dbPath);
			db.exec("DELETE FROM plan_meta WHERE key = 'header'");
			const items = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
			db.close();
			await expect(startServer({ dbPath })).rejects.toThrow(
				new RegExp(
					`database at ${dbPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} holds plan data but no plan header`
				)
			);
			const after = new DatabaseSync(dbPath, { readOnly: true });
			expect((after.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n).toBe(
				items
			);
			after.close();
		} finally {
			removeTempDb(dbPath);
		}
	});
});

describe("members and the organizers' commitments", () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer({ env: { ADMIN_TOKEN: TOKEN } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('refuses a member editing or deleting an outside-event commitment about them', async () => {
		const link = memberLink(server, 'lise-fuhr');
		const before = (await fetchText(`${server.url}/api/plan`, { headers: auth })).body;
		const edit = await postForm(`${link}?/editBusy`, {
			id: 'mwc-2024-lise-fuhr',
			when: '1 January 2024',
			strength: 'soft',
			visibility: 'public',
			reason: 'Not going'
		});
		expect([403, 404]).toContain(edit.status);
		const del = await postForm(`${link}?/deleteBusy`, { id: 'mwc-2024-lise-fuhr' });
		expect(del.status).toBe(403);
		expect((await fetchText(`${server.url}/api/plan`, { headers: auth })).body).toBe(before);
	});
});
