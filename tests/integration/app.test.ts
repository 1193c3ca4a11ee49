/**
 * The pages' HTTP contract, against the real built server and a real, freshly seeded database file.
 * Pages are read as text, so the tests hold whatever markup the views use.
 */
import { PlanFile } from '#lib/domain/schema.ts';
import { fetchText, linksTo, textOf } from '../helpers/http.ts';
import { describe, expect, it } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

let plan: PlanFile;

const get = (server: RunningServer, path: string) => fetchText(`${server.url}${path}`);

function itemWithWording(wording: string) {
	const item = plan.items.find((i) => i.when.text?.toLowerCase() === wording.toLowerCase());
	if (!item) throw new Error(`the seeded plan has no item worded "${wording}"`);
	return item;
}

function personNamed(name: string) {
	const person = plan.people.find((p) => p.name === name);
	if (!person) throw new Error(`the seeded plan has no person named "${name}"`);
	return person;
}

it.override('serverOptions', { env: { ADMIN_TOKEN: 'app-test-token' } });
it.beforeAll(async ({ server }) => {
	const res = await get(server, '/api/plan');
	expect(res.status, 'GET /api/plan is needed to find ids for the page tests').toBe(200);
	plan = PlanFile.parse(JSON.parse(res.body));
});

describe('first start', () => {
	it('seeds the IWW 2024 plan into a new database', () => {
		expect(plan.people.map((p) => p.name)).toContain('Vint Cerf');
		expect(plan.items.some((i) => i.when.text === 'early May 2024')).toBe(true);
		// The five outside events of the facts sheet are all there.
		expect(plan.items.filter((i) => i.kind === 'event').length).toBeGreaterThanOrEqual(5);
	});
});

describe('GET /', () => {
	it('is an HTML overview that links to every view', async ({ server }) => {
		const url = `${server.url}/`;
		const res = await get(server, '/');
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^text\/html/);
		for (const view of ['/plan', '/people']) {
			expect(linksTo(res.body, url, view), `/ links to ${view}`).toBe(true);
		}
	});

	it('lists the upcoming external events relative to ?today=', async ({ server }) => {
		const res = await get(server, '/?today=2024-01-10');
		expect(res.status).toBe(200);
		const text = textOf(res.body);
		for (const event of plan.items.filter((i) => i.kind === 'event')) {
			expect(text, `event "${event.title}" on the overview`).toContain(event.title);
		}
	});

	it('shows what is happening now for the given day', async ({ server }) => {
		// WSIS+20 runs 27–31 May 2024: on the 28th it is "now".
		const wsis = plan.items.find((i) => i.kind === 'event' && /WSIS\+20/.test(i.title));
		expect(wsis, 'the WSIS+20 event is in the plan').toBeDefined();
		const during = textOf((await get(server, '/?today=2024-05-28')).body);
		expect(during).toContain(wsis!.title);
	});

	it('depends on ?today=: two different days give two different overviews', async ({ server }) => {
		const a = textOf((await get(server, '/?today=2024-02-01')).body);
		const b = textOf((await get(server, '/?today=2024-11-01')).body);
		expect(a).not.toBe(b);
	});

	it.for(['2024-13-45', 'tomorrow', '2024-02-30', '24-05-01'])(
		'answers a malformed ?today=%j with 400 and a message in the page',
		async (bad, { server }) => {
			const res = await get(server, `/?today=${encodeURIComponent(bad)}`);
			expect(res.status).toBe(400);
			expect(res.type).toMatch(/^text\/html/);
			expect(textOf(res.body)).toMatch(/today|date/i);
		}
	);
});

describe('GET /plan', () => {
	it('shows every item, with the plan wording and resolved bounds', async ({ server }) => {
		const res = await get(server, '/plan');
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^text\/html/);
		const text = textOf(res.body);
		for (const item of plan.items) {
			expect(text, `item "${item.title}" on /plan`).toContain(item.title);
		}
		expect(text).toContain('early May 2024');
		// "early May" resolves to 1–10 May; the last day must be shown in some written form.
		expect(text).toMatch(/\b10 May\b|\bMay 10\b|2024-05-10/);
	});

	it('groups items by kind under headings', async ({ server }) => {
		const html = (await get(server, '/plan')).body;
		const headings = [...html.matchAll(/<h[2-4]\b[^>]*>([\s\S]*?)<\/h[2-4]>/gi)].map((m) =>
			textOf(m[1] ?? '').toLowerCase()
		);
		// Stems, so "Activities" or "Action items" count as well as "activity" and "action".
		const stems: Record<string, RegExp> = {
			event: /event/,
			activity: /activit/,
			deadline: /deadline/,
			meeting: /meeting/,
			action: /action/
		};
		for (const kind of new Set(plan.items.map((i) => i.kind))) {
			expect(
				headings.some((h) => stems[kind]?.test(h)),
				`a heading for kind "${kind}" among ${JSON.stringify(headings)}`
			).toBe(true);
		}
	});
});

describe('GET /items/{id}', () => {
	it('shows one item with its wording', async ({ server }) => {
		const item = itemWithWording('early May 2024');
		const res = await get(server, `/items/${item.id}`);
		expect(res.status).toBe(200);
		const text = textOf(res.body);
		expect(text).toContain(item.title);
		expect(text).toContain('early May 2024');
	});

	it.for(['no-such-item-here', '..%2F', 'A%20B', 'UPPER', '%00', 'a'.repeat(200)])(
		'answers /items/%s with a 404 page, not a 500',
		async (id, { server }) => {
			const res = await get(server, `/items/${id}`);
			expect(res.status).toBe(404);
			expect(res.type).toMatch(/^text\/html/);
		}
	);
});

describe('GET /people', () => {
	it('lists everyone', async ({ server }) => {
		const res = await get(server, '/people');
		expect(res.status).toBe(200);
		const text = textOf(res.body);
		for (const person of plan.people) {
			expect(text, `person "${person.name}" on /people`).toContain(person.name);
		}
	});

	it('links each person to their page, which shows them', async ({ server }) => {
		const vint = personNamed('Vint Cerf');
		const list = await get(server, '/people');
		expect(linksTo(list.body, `${server.url}/people`, `/people/${vint.id}`)).toBe(true);
		const res = await get(server, `/people/${vint.id}`);
		expect(res.status).toBe(200);
		expect(textOf(res.body)).toContain('Vint Cerf');
	});

	it.for(['no-such-person', 'A%20B', '..%2F'])(
		'answers /people/%s with 404',
		async (id, { server }) => {
			const res = await get(server, `/people/${id}`);
			expect(res.status).toBe(404);
			expect(res.type).toMatch(/^text\/html/);
		}
	);
});

describe('unknown routes', () => {
	it.for(['/no-such-page', '/plan/extra/segments', '/api/no-such-endpoint'])(
		'%s is 404',
		async (path, { server }) => {
			const res = await get(server, path);
			expect(res.status).toBe(404);
		}
	);
});
