/**
 * The item JSON API over HTTP, on the real server: revisions as ETags, If-Match required, stale
 * writes refused with the current item, bad input answered with the field and nothing written,
 * a removed item CANCELLED in the feed with the same UID and a higher SEQUENCE.
 */
import { fetchText } from '../helpers/http.ts';
import { describe, expect, it, startsServer } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const TOKEN = 'items-api-test-token';
const auth = { authorization: `Bearer ${TOKEN}` };
it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN } });
it.beforeAll(startsServer);

type Doc = {
	item: Record<string, unknown>;
	assignments: Record<string, unknown>[];
	revision: number;
};
const api = (server: RunningServer, path: string, init: RequestInit = {}) =>
	fetch(`${server.url}/api/items${path}`, init);
const json = (body: unknown, extra: Record<string, string> = {}) => ({
	headers: { ...auth, 'content-type': 'application/json', ...extra },
	body: JSON.stringify(body)
});
const planText = async (server: RunningServer) =>
	(await fetchText(`${server.url}/api/plan`, { headers: auth })).body;

function vevent(ics: string, uid: string): string {
	const unfolded = ics.replace(/\r\n /g, '');
	return unfolded.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${uid}\r\n`)) ?? '';
}

describe('GET /api/items/{id}', () => {
	it('serves the item, its assignments and its revision as the ETag; 304 on a match', async ({
		server
	}) => {
		const res = await api(server, '/riyadh-meeting-2024');
		expect(res.status).toBe(200);
		const doc = (await res.json()) as Doc;
		expect(doc.item.title).toMatch(/face-to-face/);
		expect(doc.assignments.length).toBeGreaterThan(0);
		expect(res.headers.get('etag')).toBe(`"${doc.revision}"`);
		const again = await api(server, '/riyadh-meeting-2024', {
			headers: { 'if-none-match': `"${doc.revision}"` }
		});
		expect(again.status).toBe(304);
		expect((await api(server, '/no-such-item')).status).toBe(404);
		expect((await api(server, '/Not_An_Id')).status).toBe(404);
	});
});

describe('PUT /api/items/{id}', () => {
	it('saves with If-Match, bumps the revision, and the feed shows the same UID with SEQUENCE+1', async ({
		server
	}) => {
		const got = await api(server, '/iww-consultation-1');
		const doc = (await got.json()) as Doc;
		const before = (await fetchText(`${server.url}/calendar.ics`)).body;
		const seqBefore = Number(
			/SEQUENCE:(\d+)/.exec(vevent(before, 'iww-consultation-1@iww-planner.invalid'))?.[1]
		);

		const put = await api(server, '/iww-consultation-1', {
			method: 'PUT',
			...json(
				{ item: { ...doc.item, title: 'First IWW consultation (moved)' } },
				{ 'if-match': got.headers.get('etag')! }
			)
		});
		expect(put.status).toBe(200);
		const saved = (await put.json()) as Doc;
		expect(saved.revision).toBe(doc.revision + 1);
		expect(put.headers.get('etag')).toBe(`"${doc.revision + 1}"`);
		const after = (await fetchText(`${server.url}/calendar.ics`)).body;
		const event = vevent(after, 'iww-consultation-1@iww-planner.invalid');
		expect(event).toContain('First IWW consultation (moved)');
		expect(Number(/SEQUENCE:(\d+)/.exec(event)?.[1])).toBe(seqBefore + 1);
	});

	it('refuses without If-Match (428) and from a stale read (412 with the current item), writing nothing', async ({
		server
	}) => {
		const got = await api(server, '/iww-review-summary');
		const doc = (await got.json()) as Doc;
		const etag = got.headers.get('etag')!;
		const plan = await planText(server);
		const none = await api(server, '/iww-review-summary', {
			method: 'PUT',
			...json({ item: doc.item })
		});
		expect(none.status).toBe(428);
		const first = await api(server, '/iww-review-summary', {
			method: 'PUT',
			...json({ item: { ...doc.item, title: 'Summary, first writer' } }, { 'if-match': etag })
		});
		expect(first.status).toBe(200);
		const afterFirst = await planText(server);
		expect(afterFirst).not.toBe(plan);
		const stale = await api(server, '/iww-review-summary', {
			method: 'PUT',
			...json({ item: { ...doc.item, title: 'Summary, second writer' } }, { 'if-match': etag })
		});
		expect(stale.status).toBe(412);
		const body = (await stale.json()) as { current: Doc };
		expect(body.current.item.title).toBe('Summary, first writer');
		expect(await planText(server)).toBe(afterFirst);
	});

	it('answers bad input with 400 naming the field, and writes nothing', async ({ server }) => {
		const got = await api(server, '/iww-review-summary');
		const doc = (await got.json()) as Doc;
		const etag = got.headers.get('etag')!;
		const plan = await planText(server);
		const cases: [unknown, string][] = [
			[{ item: { ...doc.item, when: { type: 'day', date: '2024-02-30' } } }, 'item.when'],
			[{ item: { ...doc.item, location: 'atlantis' } }, 'item.location'],
			[{ item: { ...doc.item, kind: 'party' } }, 'item.kind'],
			[{ item: { ...doc.item, id: 'other-id' } }, 'item.id'],
			[
				{ item: doc.item, assignments: [{ role: 'lead', who: 'X', person: 'nobody' }] },
				'assignments[0].person'
			],
			[{ items: [] }, 'item']
		];
		for (const [body, field] of cases) {
			const res = await api(server, '/iww-review-summary', {
				method: 'PUT',
				...json(body, { 'if-match': etag })
			});
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
			const answer = (await res.json()) as { issues: { field: string }[] };
			expect(answer.issues.map((i) => i.field)).toContain(field);
		}
		const notJson = await api(server, '/iww-review-summary', {
			method: 'PUT',
			headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
			body: '{"item": '
		});
		expect(notJson.status).toBe(400);
		expect(await planText(server)).toBe(plan);
	});

	it('replaces the set of assignments when it is given', async ({ server }) => {
		const got = await api(server, '/iww-review-summary');
		const doc = (await got.json()) as Doc;
		const res = await api(server, '/iww-review-summary', {
			method: 'PUT',
			...json(
				{ item: doc.item, assignments: [{ role: 'lead', who: 'VC', person: 'vint-cerf' }] },
				{ 'if-match': got.headers.get('etag')! }
			)
		});
		expect(res.status).toBe(200);
		const saved = (await res.json()) as Doc;
		expect(saved.assignments).toHaveLength(1);
		expect(saved.assignments[0]).toMatchObject({
			role: 'lead',
			person: 'vint-cerf',
			item: 'iww-review-summary'
		});
	});

	it('needs the admin token or an organizer session', async ({ server }) => {
		const got = await api(server, '/iww-review-summary');
		const doc = (await got.json()) as Doc;
		const res = await api(server, '/iww-review-summary', {
			method: 'PUT',
			headers: { 'content-type': 'application/json', 'if-match': got.headers.get('etag')! },
			body: JSON.stringify({ item: doc.item })
		});
		expect(res.status).toBe(401);
	});
});

describe('POST and DELETE', () => {
	it('creates with 201 and a Location; deletes with If-Match, leaving a CANCELLED event in the feed', async ({
		server
	}) => {
		const created = await api(server, '', {
			method: 'POST',
			...json({
				item: {
					id: 'api-made-item',
					kind: 'action',
					title: 'Made through the API',
					when: { type: 'day', date: '2099-05-02' }
				},
				assignments: [{ role: 'lead', who: 'LF', person: 'lise-fuhr' }]
			})
		});
		expect(created.status).toBe(201);
		expect(created.headers.get('location')).toBe('/api/items/api-made-item');
		const doc = (await created.json()) as Doc;
		expect(doc.revision).toBe(1);
		const twice = await api(server, '', { method: 'POST', ...json({ item: doc.item }) });
		expect(twice.status).toBe(400);

		const feed = (await fetchText(`${server.url}/calendar.ics`)).body;
		expect(vevent(feed, 'api-made-item@iww-planner.invalid')).toContain('SEQUENCE:0');
		expect((await api(server, '/api-made-item', { method: 'DELETE', headers: auth })).status).toBe(
			428
		);
		expect(
			(
				await api(server, '/api-made-item', {
					method: 'DELETE',
					headers: { ...auth, 'if-match': '"7"' }
				})
			).status
		).toBe(412);
		const del = await api(server, '/api-made-item', {
			method: 'DELETE',
			headers: { ...auth, 'if-match': '"1"' }
		});
		expect(del.status).toBe(204);
		expect((await api(server, '/api-made-item')).status).toBe(410);
		const cancelled = vevent(
			(await fetchText(`${server.url}/calendar.ics`)).body,
			'api-made-item@iww-planner.invalid'
		);
		expect(cancelled).toContain('STATUS:CANCELLED');
		expect(cancelled).toContain('SEQUENCE:1');
		const history = (await fetchText(`${server.url}/history?item=api-made-item`)).body;
		expect(history).toContain('a script with the admin token');
		expect(history).toContain('removed “Made through the API” from the plan');
	});
});
