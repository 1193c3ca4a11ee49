/**
 * GET /api/clashes and the /clashes page against the real built server and a seeded database,
 * including a plan with a private busy period replaced in through POST /api/plan.
 */
import { PlanFile } from '#lib/domain/schema.ts';
import { privateClinic } from '../helpers/plan-data.ts';
import { fetchText, linksTo, postPlan, textOf } from '../helpers/http.ts';
import { describe, expect, it, startsServer } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const TOKEN = 'clash-test-token';

type Body = {
	clashes: {
		id: string;
		kind: string;
		severity: string;
		people: string[];
		items: string[];
		message: string;
	}[];
	total: number;
	nextCursor: string | null;
};

const ORGANIZER = { headers: { Authorization: `Bearer ${TOKEN}` } };

const get = (server: RunningServer, path: string, init?: RequestInit) =>
	fetchText(`${server.url}${path}`, init);

it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN } });
it.beforeAll(startsServer);

describe('GET /api/clashes on the seeded plan', () => {
	it('returns every clash in the agreed shape, with the MWC/Riyadh clash definite', async ({
		server
	}) => {
		const res = await get(server, '/api/clashes');
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^application\/json/);
		const body = JSON.parse(res.body) as Body;
		expect(Object.keys(body)).toEqual(['clashes', 'total', 'nextCursor']);
		expect(body.total).toBe(body.clashes.length);
		expect(body.nextCursor).toBeNull();
		for (const c of body.clashes) {
			expect(typeof c.kind).toBe('string');
			expect(['definite', 'possible']).toContain(c.severity);
			expect(Array.isArray(c.people) && Array.isArray(c.items)).toBe(true);
			expect(c.message.length).toBeGreaterThan(10);
		}
		const mwc = body.clashes.find((c) => c.kind === 'overlap' && c.items.includes('mwc-2024'));
		expect(mwc).toMatchObject({
			severity: 'definite',
			people: ['hatem-dowidar', 'hiroshi-yoshida', 'lise-fuhr'],
			items: ['riyadh-meeting-2024', 'mwc-2024']
		});
		expect(mwc?.message).toContain('Barcelona–Riyadh');
		expect(body.clashes.map((c) => c.kind)).toEqual(
			expect.arrayContaining(['linked-event', 'unresolved-lead'])
		);
		// A missing lead is the organizers' to fix: only they see it, once per item.
		expect(body.clashes.map((c) => c.kind)).not.toContain('no-lead');
		const org = JSON.parse((await get(server, '/api/clashes', ORGANIZER)).body) as Body;
		const noLead = org.clashes.filter((c) => c.kind === 'no-lead');
		expect(noLead.map((c) => c.items[0])).toContain('riyadh-meeting-2024');
		expect(noLead.every((c) => c.people.length === 0 && c.items.length === 1)).toBe(true);
		expect(new Set(noLead.map((c) => c.items[0])).size).toBe(noLead.length);
	});

	it('pages with ?limit= and ?cursor=, and refuses bad ones with a JSON 400', async ({
		server
	}) => {
		const all = JSON.parse((await get(server, '/api/clashes', ORGANIZER)).body) as Body;
		const ids: string[] = [];
		let cursor: string | null = null;
		for (let n = 0; n < 100; n++) {
			const page = JSON.parse(
				(await get(server, `/api/clashes?limit=4${cursor ? `&cursor=${cursor}` : ''}`, ORGANIZER))
					.body
			) as Body;
			expect(page.total).toBe(all.total);
			expect(page.clashes.length).toBeLessThanOrEqual(4);
			ids.push(...page.clashes.map((c) => c.id));
			cursor = page.nextCursor;
			if (cursor === null) break;
		}
		expect(ids).toEqual(all.clashes.map((c) => c.id));
		for (const bad of ['limit=0', 'limit=5000', 'limit=x', 'cursor=%21%21', 'cursor=abc']) {
			const res = await get(server, `/api/clashes?${bad}`);
			expect(res.status, bad).toBe(400);
			expect(res.type).toMatch(/^application\/json/);
			expect((JSON.parse(res.body) as { error: string }).error).toMatch(/limit|cursor/);
		}
	});

	it('filters by person, and answers 404 for nobody and 400 for a malformed id', async ({
		server
	}) => {
		const lf = JSON.parse((await get(server, '/api/clashes?person=lise-fuhr')).body) as Body;
		expect(lf.clashes.length).toBeGreaterThan(0);
		expect(lf.clashes.every((c) => c.people.includes('lise-fuhr'))).toBe(true);
		const vc = JSON.parse((await get(server, '/api/clashes?person=vint-cerf')).body) as Body;
		expect(vc.clashes.some((c) => c.items.includes('mwc-2024'))).toBe(false);

		const missing = await get(server, '/api/clashes?person=no-such-person');
		expect(missing.status).toBe(404);
		expect(JSON.parse(missing.body)).toHaveProperty('error');
		for (const bad of ['Lise%20Fuhr', '..%2F', '', '-x']) {
			const res = await get(server, `/api/clashes?person=${bad}`);
			expect(res.status, `?person=${bad}`).toBe(400);
			expect(res.type).toMatch(/^application\/json/);
		}
	});
});

describe('private busy periods over HTTP', () => {
	it.beforeAll(async ({ server }) => {
		const plan = PlanFile.parse(JSON.parse((await get(server, '/api/plan')).body));
		plan.commitments.push(privateClinic('barcelona'));
		const res = await postPlan(server.url, TOKEN, plan);
		expect(res.status).toBe(200);
	});

	it('shows "busy" to anonymous callers and the reason to organizers', async ({ server }) => {
		const anon = await get(server, '/api/clashes?person=lise-fuhr');
		const clash = (JSON.parse(anon.body) as Body).clashes.find((c) =>
			c.items.includes('wsis-20-presentation')
		);
		expect(clash?.message).toContain('is busy');
		expect(anon.body).not.toMatch(/Clinic|lf-private-clinic/);
		const org = await get(server, '/api/clashes?person=lise-fuhr', {
			headers: { Authorization: `Bearer ${TOKEN}` }
		});
		expect(org.body).toContain('Clinic appointment');
		for (const page of [
			'/clashes',
			'/clashes?person=lise-fuhr',
			'/people/lise-fuhr',
			'/items/wsis-20-presentation'
		]) {
			const html = await get(server, page);
			expect(html.status).toBe(200);
			expect(html.body, page).not.toMatch(/Clinic|lf-private-clinic/);
		}
	});
});

describe('pages', () => {
	it('/clashes groups by kind, filters by ?person= without JavaScript, and links items and people', async ({
		server
	}) => {
		const url = `${server.url}/clashes?person=hiroshi-yoshida`;
		const res = await get(server, '/clashes?person=hiroshi-yoshida');
		expect(res.status).toBe(200);
		const text = textOf(res.body);
		expect(text).toContain('Clashes for Hiroshi Yoshida');
		expect(text).toContain('Double-booked');
		expect(res.body).toMatch(/<form[^>]*method="GET"[^>]*action="\/clashes"/i);
		expect(linksTo(res.body, url, '/items/riyadh-meeting-2024')).toBe(true);
		expect(linksTo(res.body, url, '/people/lise-fuhr')).toBe(true);
		expect((await get(server, '/clashes?person=nobody-here')).status).toBe(404);
		expect((await get(server, '/clashes?person=Bad!')).status).toBe(400);
	});

	it('/clashes pages with links that keep the filter, and answers 400 for a bad page', async ({
		server
	}) => {
		const first = await get(server, '/clashes?limit=3');
		expect(first.status).toBe(200);
		const text = textOf(first.body);
		expect(text).toMatch(/Showing 1–3 of \d+/);
		const next = /href="(\/clashes\?limit=3&amp;cursor=[A-Za-z0-9_-]+)"/.exec(first.body)?.[1];
		expect(next).toBeDefined();
		const second = await get(server, next!.replaceAll('&amp;', '&'));
		expect(second.status).toBe(200);
		expect(textOf(second.body)).toMatch(/Showing 4–6 of \d+/);
		expect(textOf(second.body)).toContain('First page');
		for (const bad of ['limit=0', 'limit=abc', 'cursor=%21'])
			expect((await get(server, `/clashes?${bad}`)).status, bad).toBe(400);
	});

	it('the overview links a clash count; person and item pages list their clashes', async ({
		server
	}) => {
		const home = await get(server, '/');
		expect(linksTo(home.body, `${server.url}/`, '/clashes')).toBe(true);
		expect(textOf(home.body)).toMatch(/\d+ clashes \(\d+ definite, \d+ possible\)/);
		const person = textOf((await get(server, '/people/hatem-dowidar')).body);
		expect(person).toContain('are at MWC Barcelona 2024');
		// Only what they can act on: no "no lead" findings of the items they attend.
		expect(person).not.toContain('has no lead');
		const item = textOf((await get(server, '/items/netmundial-10-presentation')).body);
		expect(item).toContain('NETmundial+10 takes place 29–30 Apr 2024');
	});
});
