/**
 * GET /api/clashes and the /clashes page against the real built server and a seeded database,
 * including a plan with a private busy period replaced in through POST /api/plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanFile } from '#lib/domain/schema.ts';
import { fetchText, linksTo, textOf } from '../helpers/http.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const TOKEN = 'clash-test-token';
let server: RunningServer;

type Body = {
	clashes: { kind: string; severity: string; people: string[]; items: string[]; message: string }[];
};

const get = (path: string, init?: RequestInit) => fetchText(`${server.url}${path}`, init);

beforeAll(async () => {
	server = await startServer({ env: { ADMIN_TOKEN: TOKEN } });
});
afterAll(async () => {
	await server?.stop();
});

describe('GET /api/clashes on the seeded plan', () => {
	it('returns every clash in the agreed shape, with the MWC/Riyadh clash definite', async () => {
		const res = await get('/api/clashes');
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^application\/json/);
		const body = JSON.parse(res.body) as Body;
		expect(Object.keys(body)).toEqual(['clashes']);
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
			expect.arrayContaining(['linked-event', 'unresolved-lead', 'no-lead'])
		);
	});

	it('filters by person, and answers 404 for nobody and 400 for a malformed id', async () => {
		const lf = JSON.parse((await get('/api/clashes?person=lise-fuhr')).body) as Body;
		expect(lf.clashes.length).toBeGreaterThan(0);
		expect(lf.clashes.every((c) => c.people.includes('lise-fuhr'))).toBe(true);
		const vc = JSON.parse((await get('/api/clashes?person=vint-cerf')).body) as Body;
		expect(vc.clashes.some((c) => c.items.includes('mwc-2024'))).toBe(false);

		const missing = await get('/api/clashes?person=no-such-person');
		expect(missing.status).toBe(404);
		expect(JSON.parse(missing.body)).toHaveProperty('error');
		for (const bad of ['Lise%20Fuhr', '..%2F', '', '-x']) {
			const res = await get(`/api/clashes?person=${bad}`);
			expect(res.status, `?person=${bad}`).toBe(400);
			expect(res.type).toMatch(/^application\/json/);
		}
	});
});

describe('private busy periods over HTTP', () => {
	beforeAll(async () => {
		const plan = PlanFile.parse(JSON.parse((await get('/api/plan')).body));
		plan.commitments.push({
			id: 'lf-private-clinic',
			person: 'lise-fuhr',
			source: 'busy',
			when: { type: 'day', date: '2024-05-28' },
			place: 'barcelona',
			reason: 'Clinic appointment',
			strength: 'hard',
			visibility: 'private'
		});
		const res = await fetch(`${server.url}/api/plan`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(plan)
		});
		expect(res.status).toBe(200);
	});

	it('shows "busy" to anonymous callers and the reason to organizers', async () => {
		const anon = await get('/api/clashes?person=lise-fuhr');
		const clash = (JSON.parse(anon.body) as Body).clashes.find((c) =>
			c.items.includes('wsis-20-presentation')
		);
		expect(clash?.message).toContain('is busy');
		expect(anon.body).not.toMatch(/Clinic|lf-private-clinic/);
		const org = await get('/api/clashes?person=lise-fuhr', {
			headers: { Authorization: `Bearer ${TOKEN}` }
		});
		expect(org.body).toContain('Clinic appointment');
		for (const page of [
			'/clashes',
			'/clashes?person=lise-fuhr',
			'/people/lise-fuhr',
			'/items/wsis-20-presentation'
		]) {
			const html = await get(page);
			expect(html.status).toBe(200);
			expect(html.body, page).not.toMatch(/Clinic|lf-private-clinic/);
		}
	});
});

describe('pages', () => {
	it('/clashes groups by kind, filters by ?person= without JavaScript, and links items and people', async () => {
		const url = `${server.url}/clashes?person=hiroshi-yoshida`;
		const res = await get('/clashes?person=hiroshi-yoshida');
		expect(res.status).toBe(200);
		const text = textOf(res.body);
		expect(text).toContain('Clashes for Hiroshi Yoshida');
		expect(text).toContain('Double-booked');
		expect(res.body).toMatch(/<form[^>]*method="GET"[^>]*action="\/clashes"/i);
		expect(linksTo(res.body, url, '/items/riyadh-meeting-2024')).toBe(true);
		expect(linksTo(res.body, url, '/people/lise-fuhr')).toBe(true);
		expect((await get('/clashes?person=nobody-here')).status).toBe(404);
		expect((await get('/clashes?person=Bad!')).status).toBe(400);
	});

	it('the overview links a clash count; person and item pages list their clashes', async () => {
		const home = await get('/');
		expect(linksTo(home.body, `${server.url}/`, '/clashes')).toBe(true);
		expect(textOf(home.body)).toMatch(/\d+ clashes \(\d+ definite, \d+ possible\)/);
		const person = textOf((await get('/people/hatem-dowidar')).body);
		expect(person).toContain('are at MWC Barcelona 2024');
		const item = textOf((await get('/items/netmundial-10-presentation')).body);
		expect(item).toContain('NETmundial+10 takes place 29–30 Apr 2024');
	});
});
