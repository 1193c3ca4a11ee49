/** POST /api/find/in-person and /virtual, saving a meeting and the .ics, on the real server. */
import { fetchText, textOf } from '../helpers/http.ts';
import { describe, expect, it, startsServer } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const TOKEN = 'find-test-token';

it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN } });
it.beforeAll(startsServer);

const post = (
	server: RunningServer,
	path: string,
	body: unknown,
	headers: Record<string, string> = {}
) =>
	fetchText(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

type Candidate = {
	start: string;
	end: string;
	score: number;
	attending: string[];
	missing: { person: string; reasons: string[] }[];
};

const riyadh = {
	location: 'Riyadh',
	days: 2,
	from: '2024-02-15',
	to: '2024-03-10',
	required: ['all members'],
	optional: ['Sect'],
	item: 'riyadh-meeting-2024'
};

describe('POST /api/find/in-person', () => {
	it('answers ranked candidates in the agreed shape and explains the proposed dates', async ({
		server
	}) => {
		const res = await post(server, '/api/find/in-person', riyadh);
		expect(res.status).toBe(200);
		const body = JSON.parse(res.body) as { candidates: Candidate[]; proposed: Candidate[] };
		expect(body.candidates.length).toBeGreaterThan(0);
		for (const c of body.candidates) {
			expect(c.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(c.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(typeof c.score).toBe('number');
			expect(Array.isArray(c.attending) && Array.isArray(c.missing)).toBe(true);
		}
		expect(body.candidates[0]!.attending).toContain('lise-fuhr');
		const p = body.proposed.find((w) => w.start === '2024-02-26' && w.end === '2024-02-27')!;
		expect(p.missing.map((m) => m.person)).toContain('hiroshi-yoshida');
		expect(p.missing[0]!.reasons[0]).toMatch(/MWC Barcelona 2024/);
	});

	it.for<[unknown, string]>([
		[{ ...riyadh, location: 'Atlantis' }, 'location'],
		[{ ...riyadh, days: 0 }, 'days'],
		[{ ...riyadh, from: '2024-02-30' }, 'from'],
		[{ ...riyadh, to: '2024-01-01' }, 'to'],
		[{ ...riyadh, required: ['Nobody Here'] }, 'required[0]'],
		[{ ...riyadh, required: [], optional: [] }, 'required'],
		[{ ...riyadh, avoidWeekends: 'yes' }, 'avoidWeekends'],
		[{ ...riyadh, item: 'no-such-item' }, 'item'],
		[{ days: 2 }, 'location'],
		['{not json', '(body)']
	])('400 for %j naming %s', async ([body, field], { server }) => {
		const res = await post(server, '/api/find/in-person', body);
		expect(res.status).toBe(400);
		const err = JSON.parse(res.body) as { error: string; field: string };
		expect(err.field).toBe(field);
		expect(err.error.length).toBeGreaterThan(field.length + 2);
	});
});

describe('POST /api/find/virtual', () => {
	it('shows the 18 Dec 2023 16:00 UTC call as 01:00 for Hiroshi Yoshida', async ({ server }) => {
		const res = await post(server, '/api/find/virtual', {
			minutes: 60,
			from: '2023-12-18',
			to: '2023-12-18',
			required: ['all members'],
			item: 'plenary-2023-12-18'
		});
		expect(res.status).toBe(200);
		const body = JSON.parse(res.body) as {
			candidates: { start: string }[];
			proposed: { start: string; rows: { person: string; time: string; night: boolean }[] }[];
		};
		expect(body.candidates.length).toBe(10);
		expect(body.candidates[0]!.start).toMatch(/^2023-12-18T\d{2}:(00|15|30|45)Z$/);
		const hy = body.proposed[0]!.rows.find((r) => r.person === 'hiroshi-yoshida')!;
		expect(hy).toMatchObject({ time: '01:00–02:00', night: true });
	});

	it.for<[unknown, string]>([
		[{ minutes: 5, from: '2023-12-18', to: '2023-12-18', required: ['HY'] }, 'minutes'],
		[{ minutes: 60, from: '2023-12-18', to: '2024-06-18', required: ['HY'] }, 'to'],
		[{ minutes: 60, from: '2023-12-18', to: '2023-12-18', required: ['ZZ'] }, 'required[0]'],
		[
			{ minutes: 60, from: '2023-12-18', to: '2023-12-18', required: ['HY'], starts: ['noon'] },
			'starts.0'
		]
	])('400 for %j naming %s', async ([body, field], { server }) => {
		const res = await post(server, '/api/find/virtual', body);
		expect(res.status).toBe(400);
		expect((JSON.parse(res.body) as { field: string }).field).toBe(field);
	});
});

describe('a chosen candidate', () => {
	const meeting = {
		title: 'Panel meeting in Riyadh',
		location: 'riyadh',
		start: '2024-02-20',
		end: '2024-02-21',
		required: ['all members']
	};

	it('downloads as a single-event .ics', async ({ server }) => {
		const q = new URLSearchParams({
			title: meeting.title,
			start: meeting.start,
			end: meeting.end,
			location: 'riyadh'
		});
		const res = await fetchText(`${server.url}/find/event.ics?${q}`);
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^text\/calendar/);
		expect(res.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		expect(res.body).toContain('DTSTART;VALUE=DATE:20240220');
		expect(res.body).toContain('DTEND;VALUE=DATE:20240222');
		expect(res.body).toMatch(/UID:candidate-[0-9a-f]{8}@iww-planner\.invalid/);
		expect((await fetchText(`${server.url}/find/event.ics?start=2024-02-20&end=x`)).status).toBe(
			400
		);
	});

	it('is saved as a meeting only with the organizer token, and then appears in the feeds', async ({
		server
	}) => {
		expect((await post(server, '/api/find/meetings', meeting)).status).toBe(401);
		expect(
			(await post(server, '/api/find/meetings', meeting, { Authorization: 'Bearer nope' })).status
		).toBe(401);
		const bad = await post(
			server,
			'/api/find/meetings',
			{ ...meeting, end: '2024-02-01' },
			{ Authorization: `Bearer ${TOKEN}` }
		);
		expect(bad.status).toBe(400);
		const res = await post(server, '/api/find/meetings', meeting, {
			Authorization: `Bearer ${TOKEN}`
		});
		expect(res.status).toBe(201);
		const { id } = JSON.parse(res.body) as { id: string };
		const page = await fetchText(`${server.url}/items/${id}`);
		expect(page.status).toBe(200);
		expect(textOf(page.body)).toContain('Panel meeting in Riyadh');
		const feed = await fetchText(`${server.url}/feeds/meeting.ics`);
		expect(feed.body).toContain(`UID:${id}@iww-planner.invalid`);
	});
});

describe('/find without JavaScript', () => {
	it('renders both tabs from GET forms, with the heat strip and local times', async ({
		server
	}) => {
		const a = await fetchText(`${server.url}/find`);
		expect(a.status).toBe(200);
		expect(a.body).toMatch(/<form[^>]*method="GET"[^>]*action="\/find"/i);
		expect(textOf(a.body)).toContain('The proposed dates');
		expect(a.body).toContain('class="heat');
		const v = await fetchText(`${server.url}/find?tab=virtual`);
		expect(textOf(v.body)).toMatch(/Hiroshi Yoshida\s*Tue 19 Dec, 01:00–02:00 in Tokyo\s*☾ night/);
		const bad = await fetchText(`${server.url}/find?days=abc`);
		expect(bad.status).toBe(200);
		expect(textOf(bad.body)).toContain('days:');
	});
});
