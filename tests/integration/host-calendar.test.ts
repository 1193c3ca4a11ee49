/**
 * /locations/{id} against the real server and database: a correction changes the clashes the
 * API reports, refusals are 4xx that write nothing, and a stale form is a conflict.
 */
import { postForm, signInAs, versionIn } from '../helpers/forms.ts';
import { fetchText, textOf } from '../helpers/http.ts';
import { describe, expect, it } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const PASSWORD = 'host-calendar-integration-password';
let organizer: string;

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });
it.beforeAll(async ({ server }) => {
	organizer = await signInAs(server.url, 'Ana', PASSWORD);
});

const page = (server: RunningServer, q = '?today=2024-02-01') =>
	fetchText(`${server.url}/locations/riyadh${q}`, { headers: { cookie: organizer } });
const plan = async (server: RunningServer) =>
	JSON.parse((await fetchText(`${server.url}/api/plan`)).body) as {
		locations: { id: string; calendar?: unknown }[];
	};
const riyadhCalendar = async (server: RunningServer) =>
	(await plan(server)).locations.find((l) => l.id === 'riyadh')?.calendar;

describe('/locations/{id}', () => {
	it('is public to read, 404 for an unknown place, 400 for a bad ?today', async ({ server }) => {
		const res = await fetchText(`${server.url}/locations/riyadh?today=2024-02-01`);
		expect(res.status).toBe(200);
		expect(textOf(res.body)).toContain('Founding Day');
		expect((await fetchText(`${server.url}/locations/atlantis`)).status).toBe(404);
		expect((await fetchText(`${server.url}/locations/riyadh?today=2024-13-01`)).status).toBe(400);
	});

	it('refuses writes from someone not signed in (403) and bad fields (400), writing nothing', async ({
		server
	}) => {
		const before = await riyadhCalendar(server);
		const anon = await postForm(`${server.url}/locations/riyadh?/add`, {
			date: '2024-03-05',
			name: 'Venue closed'
		});
		expect(anon.status).toBe(403);
		const bad = await postForm(
			`${server.url}/locations/riyadh?/add`,
			{ date: '2024-03-05', name: '', source: 'javascript:alert(1)' },
			{ cookie: organizer }
		);
		expect(bad.status).toBe(400);
		expect(textOf(bad.body)).toContain('must be an http(s) link');
		expect(await riyadhCalendar(server)).toEqual(before);
	});

	it('a Sunday-only weekend changes what /api/clashes reports, and a stale form is refused', async ({
		server
	}) => {
		const version = versionIn((await page(server)).body);
		const ok = await postForm(
			`${server.url}/locations/riyadh?/weekend&today=2024-02-01`,
			{ version, mode: 'custom', weekend: 'sun', source: 'https://example.org/weekend' },
			{ cookie: organizer }
		);
		expect(ok.status).toBe(303);
		expect(ok.location).toBe('/locations/riyadh?today=2024-02-01#weekend');
		expect(await riyadhCalendar(server)).toEqual({
			weekend: ['sun'],
			weekendSource: 'https://example.org/weekend'
		});
		const clashes = JSON.parse((await fetchText(`${server.url}/api/clashes`)).body) as {
			clashes: { kind: string; message: string }[];
		};
		// Nothing reports the old Friday–Saturday weekend for Riyadh any more.
		expect(clashes.clashes.filter((c) => c.message.includes('Saudi Arabia is Friday'))).toEqual([]);
		// The same (now stale) version again: a conflict, nothing written.
		const stale = await postForm(
			`${server.url}/locations/riyadh?/add`,
			{ version, date: '2024-03-05', name: 'Venue closed' },
			{ cookie: organizer }
		);
		expect(stale.status).toBe(409);
		expect(await riyadhCalendar(server)).toEqual({
			weekend: ['sun'],
			weekendSource: 'https://example.org/weekend'
		});
		const history = textOf(
			(await fetchText(`${server.url}/history`, { headers: { cookie: organizer } })).body
		);
		expect(history).toContain('https://example.org/weekend');
	});
});
