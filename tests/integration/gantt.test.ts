/**
 * /gantt over HTTP against the real built server: the server-rendered chart holds every seeded
 * item without any JavaScript, filters and zoom live in the URL, bad input is a 400, and the page
 * ships a small script without the date or schema libraries.
 */
import { PlanFile } from '#lib/domain/schema.ts';
import { fetchText } from '../helpers/http.ts';
import { pageScripts } from '../helpers/page-js.ts';
import { describe, expect, it } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

let plan: PlanFile;
const get = (server: RunningServer, path: string) => fetchText(`${server.url}${path}`);
const drawnIds = (html: string) => [...html.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]!);

it.beforeAll(async ({ server }) => {
	plan = PlanFile.parse(JSON.parse((await get(server, '/api/plan')).body));
});

describe('GET /gantt', () => {
	it('draws every dated seeded item as a linked bar in server-rendered SVG', async ({ server }) => {
		const res = await get(server, '/gantt?today=2024-03-01');
		expect(res.status).toBe(200);
		expect(res.body).toContain('<svg');
		const ids = drawnIds(res.body);
		const dated = plan.items.filter((i) => i.when.type !== 'tbd').map((i) => i.id);
		expect(ids.sort()).toEqual(dated.sort());
		for (const id of dated) expect(res.body).toContain(`href="/items/${id}"`);
		// The plan's wording is on the chart, and lead initials.
		expect(res.body).toContain('LF · 1st March 2024');
		expect(res.body).toContain('early May 2024');
		expect(res.body).toContain('Barcelona · 26-29 February');
		expect(res.body).toContain('As of Fri 1 Mar 2024');
	});

	it('has a table view with the same items, sections and wording', async ({ server }) => {
		const res = await get(server, '/gantt?view=table&today=2024-03-01');
		expect(res.status).toBe(200);
		for (const item of plan.items) expect(res.body).toContain(`href="/items/${item.id}"`);
		expect(drawnIds(res.body)).toEqual([]);
		expect(res.body).toContain('Working groups');
		expect(res.body).toContain('early May 2024');
		// The chart links to it, keeping the other parameters.
		expect((await get(server, '/gantt?kind=deadline')).body).toContain(
			'href="?kind=deadline&amp;view=table"'
		);
	});

	it('keeps filters in the URL: person and role, kind, working group', async ({ server }) => {
		const lf = drawnIds((await get(server, '/gantt?person=lise-fuhr&role=lead')).body);
		expect(lf).toContain('iww-consultation-1');
		expect(lf).not.toContain('mwc-2024');
		const deadlines = drawnIds((await get(server, '/gantt?kind=deadline')).body);
		const expected = plan.items.filter((i) => i.kind === 'deadline').map((i) => i.id);
		expect(deadlines.sort()).toEqual(expected.sort());
		const two = drawnIds((await get(server, '/gantt?kind=deadline&kind=event')).body);
		expect(two.length).toBeGreaterThan(deadlines.length);
		const wg = drawnIds((await get(server, '/gantt?group=wg-safe-and-secure')).body);
		expect(wg).toContain('wg-safe-and-secure-goals');
		expect(wg).not.toContain('wg-rights-respecting-goals');
		// Empty form fields mean "any".
		expect((await get(server, '/gantt?person=&role=&group=')).status).toBe(200);
	});

	it('zooms, keeping the other parameters in the zoom links', async ({ server }) => {
		const width = (html: string) =>
			Number(/class="chart[^"]*"[^>]*width="([\d.]+)"/.exec(html)?.[1]);
		const month = (await get(server, '/gantt?zoom=month')).body;
		const year = (await get(server, '/gantt?zoom=year')).body;
		const fit = (await get(server, '/gantt?kind=deadline&today=2024-03-01')).body;
		expect(width(month)).toBeGreaterThan(width(year));
		expect(fit).toContain('href="?kind=deadline&amp;today=2024-03-01&amp;zoom=quarter"');
	});

	it.for<[string, RegExp]>([
		['/gantt?zoom=decade', /zoom/],
		['/gantt?kind=party', /kind/],
		['/gantt?role=boss', /role/],
		['/gantt?view=pie', /view/],
		['/gantt?person=Not%20An%20Id', /person/],
		['/gantt?person=nobody-here', /nobody-here/],
		['/gantt?group=no-such-group', /no-such-group/],
		['/gantt?today=2024-02-30', /today/]
	])('answers 400 for %s', async ([path, message], { server }) => {
		const res = await get(server, path);
		expect(res.status).toBe(400);
		expect(res.body).toMatch(message);
	});

	it('ships under 60 KB of gzipped JavaScript, without luxon or zod', async ({ server }) => {
		const scripts = await pageScripts(`${server.url}/gantt`);
		const gzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
		expect(gzip).toBeLessThan(60 * 1024);
		for (const s of scripts) {
			expect(s.text, `${s.url} bundles luxon`).not.toMatch(/Invalid DateTime|luxon/);
			expect(s.text, `${s.url} bundles zod`).not.toMatch(/ZodError|\$ZodType/);
		}
	});
});
