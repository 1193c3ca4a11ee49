/**
 * The calendar page and the item pages' time zones over HTTP, as a browser without JavaScript
 * sees them: the list is the page's content, and every parameter is checked.
 */
import { fetchText, linksTo, textOf } from '../helpers/http.ts';
import { describe, expect, it, startsServer } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

it.beforeAll(startsServer);

const get = (server: RunningServer, path: string) => fetchText(`${server.url}${path}`);

describe('GET /calendar', () => {
	it('is linked from the navigation', async ({ server }) => {
		const res = await get(server, '/');
		expect(linksTo(res.body, `${server.url}/`, '/calendar')).toBe(true);
	});

	it('lists every dated item by month, times in the plan zone by default', async ({ server }) => {
		const res = await get(server, '/calendar');
		expect(res.status).toBe(200);
		const text = textOf(res.body);
		expect(text).toContain('December 2023');
		expect(text).toContain('February 2024');
		expect(text).toContain('MWC Barcelona 2024');
		expect(text).toContain('Mon 18 Dec 2023, 16:00–17:00 UTC');
		expect(linksTo(res.body, `${server.url}/calendar`, '/items/mwc-2024')).toBe(true);
	});

	it.for<[string, string]>([
		['Asia/Tokyo', 'Tue 19 Dec 2023, 01:00–02:00 GMT+9'],
		['Europe/Brussels', 'Mon 18 Dec 2023, 17:00–18:00 CET'],
		// 10:00, not the 08:00: Mexico City has kept UTC−6 all year since 2022.
		['America/Mexico_City', 'Mon 18 Dec 2023, 10:00–11:00 GMT-6']
	])('?zone=%s writes the call as %s', async ([zone, expected], { server }) => {
		const text = textOf((await get(server, `/calendar?zone=${encodeURIComponent(zone)}`)).body);
		expect(text).toContain(expected);
		// All-day items do not move: MWC stays 26–29 Feb.
		expect(text).toContain('26–29 Feb 2024');
	});

	it('?person= narrows the list to that person’s items', async ({ server }) => {
		const text = textOf((await get(server, '/calendar?person=lise-fuhr')).body);
		expect(text).toContain('MWC Barcelona 2024');
		expect(text).not.toContain('restructured version');
	});

	it.for<[string, RegExp]>([
		['zone=Mars%2FOlympus', /time zone/i],
		['person=nobody-here', /person/i],
		['person=Not%20An%20Id', /person/i],
		['view=decade', /view/i],
		['date=2024-02-30', /date/i]
	])('answers ?%s with 400 and a message', async ([query, message], { server }) => {
		const res = await get(server, `/calendar?${query}`);
		expect(res.status).toBe(400);
		expect(textOf(res.body)).toMatch(message);
	});
});

describe('item pages and zones', () => {
	it('show a timed item in its own zone and in ?zone=, with everyone’s local time', async ({
		server
	}) => {
		const res = await get(server, '/items/plenary-2023-12-18?zone=America/Mexico_City');
		expect(res.status).toBe(200);
		const text = textOf(res.body);
		expect(text).toContain('Mon 18 Dec 2023, 16:00–17:00 UTC');
		expect(text).toContain('Mon 18 Dec 2023, 10:00–11:00 GMT-6');
		expect(text).toContain('Everyone’s local time');
		// Hiroshi Yoshida is at 01:00 in Tokyo: a night hour, marked.
		const table = res.body.slice(res.body.search(/class="local-times\b/));
		const row = table.split('<tr').find((r) => r.includes('Hiroshi Yoshida')) ?? '';
		expect(/^[^>]*class="[^"]*\bnight\b/.test(row), 'Tokyo row marked as night').toBe(true);
		const lagos = table.split('<tr').find((r) => r.includes('Gbenga Sesan')) ?? '';
		expect(/^[^>]*class="[^"]*\bnight\b/.test(lagos), '17:00 in Lagos is not night').toBe(false);
		expect(textOf(`<tr${row}`)).toContain('Tue 19 Dec 2023, 01:00 GMT+9 – 02:00');
	});

	it('say all-day items keep their days in every zone', async ({ server }) => {
		const text = textOf((await get(server, '/items/mwc-2024?zone=Pacific/Kiritimati')).body);
		expect(text).toContain('the same days in every time zone');
		expect(text).not.toContain('Everyone’s local time');
	});

	it('answer a bad ?zone= with 400', async ({ server }) => {
		expect((await get(server, '/items/plenary-2023-12-18?zone=Nowhere/Land')).status).toBe(400);
	});
});
