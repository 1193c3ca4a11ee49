/**
 * What a hostile visitor tried, against the real server and database file: a flood of concurrent
 * password guesses (and a restart to reset the count), chunked bodies past their route's limit,
 * private busy periods read through the public plan and the front cache, personal feeds of a
 * private plan, open redirects through `next`, and a sign-out that left the cookie behind.
 */
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { PlanFile } from '../../src/lib/domain/schema.ts';
import { memberLink, planCli as cli } from '../helpers/cli.ts';
import { postForm, signInAs } from '../helpers/forms.ts';
import { privateClinic } from '../helpers/plan-data.ts';
import { fetchText, postPlan } from '../helpers/http.ts';
import { removeTempDb, startServer, tempDbPath, type RunningServer } from '../helpers/server.ts';
import { anotherServer, describe, expect, test as base } from '../helpers/fixture.ts';

const PASSWORD = 'organizer-test-password-h0stile';
const TOKEN = 'admin-token-hostile';
let organizer: string;

/** `closed`: a second server, of a private plan (PUBLIC_PLAN=false). */
const it = base.extend(
	'closed',
	{ scope: 'file' },
	anotherServer({ env: { PUBLIC_PLAN: 'false', ORGANIZER_PASSWORD: PASSWORD } })
);
it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD, ADMIN_TOKEN: TOKEN } });
it.beforeAll(async ({ server }) => {
	organizer = await signInAs(server.url, 'Ana', PASSWORD);
});

const signInForm = (password: string) =>
	new URLSearchParams({ name: 'Mallory', password }).toString();

async function guess(base: string, password: string) {
	const res = await fetch(`${base}/login?/signIn`, {
		method: 'POST',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: signInForm(password),
		redirect: 'manual'
	});
	const body = await res.text();
	return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

describe('sign-in limit', () => {
	it('checks at most 5 of 200 concurrent guesses, and still holds after a restart', async () => {
		const dbPath = tempDbPath();
		const env = { ORGANIZER_PASSWORD: PASSWORD };
		let first: RunningServer | null = await startServer({ env, dbPath });
		try {
			const t0 = performance.now();
			const results = await Promise.all(
				Array.from({ length: 200 }, (_, i) => guess(first!.url, `wrong-${i}`))
			);
			const ms = performance.now() - t0;
			const checked = results.filter((r) => r.status === 400);
			const refused = results.filter((r) => r.status === 429);
			console.log(
				`200 concurrent guesses: ${checked.length} checked, ${refused.length} × 429 in ${Math.round(ms)} ms`
			);
			// A 400 is only given after the password was hashed and compared.
			expect(checked.every((r) => r.body.includes('That is not the organizer password.'))).toBe(
				true
			);
			expect(checked.length).toBe(5);
			expect(refused.length).toBe(195);
			for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThan(0);
			await first.stop();
			first = null;

			const again = await startServer({ env, dbPath });
			try {
				const wrong = await guess(again.url, 'after-restart');
				expect(wrong.status).toBe(429);
				expect(Number(wrong.retryAfter)).toBeGreaterThan(800);
				// Not even the right password is checked while the address is blocked.
				expect((await guess(again.url, PASSWORD)).status).toBe(429);
			} finally {
				await again.stop();
			}
		} finally {
			await first?.stop();
			removeTempDb(dbPath);
		}
	});
});

type Sent = { status: number; body: string; headers: http.IncomingHttpHeaders };

/**
 * POSTs `total` bytes in chunks of `size` with Transfer-Encoding: chunked (no Content-Length),
 * as node:http does when no length is given; rejects if the connection fails before an answer.
 */
function chunkedPost(
	url: string,
	headers: Record<string, string>,
	total: number,
	size = 16 * 1024,
	fill = 'a'
): Promise<Sent> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers });
		let answered = false;
		req.on('response', (res) => {
			answered = true;
			const parts: Buffer[] = [];
			res.on('data', (c: Buffer) => parts.push(c));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					body: Buffer.concat(parts).toString('utf8'),
					headers: res.headers
				})
			);
			res.on('error', reject);
		});
		req.on('error', (e) => {
			if (!answered) reject(e);
		});
		void (async () => {
			let sent = 0;
			while (sent < total && !answered) {
				const n = Math.min(size, total - sent);
				if (!req.write(fill.repeat(n))) await once(req, 'drain');
				sent += n;
			}
			req.end();
		})().catch(() => undefined);
	});
}

const formHeaders = (base: string, cookie?: string): Record<string, string> => ({
	origin: base,
	accept: 'text/html',
	'content-type': 'application/x-www-form-urlencoded',
	...(cookie ? { cookie } : {})
});

describe('chunked bodies', () => {
	it('refuses a chunked form past 64 KiB with a 413 the client reads', async ({ server }) => {
		for (const total of [100 * 1024, 4 * 1024 * 1024]) {
			const res = await chunkedPost(
				`${server.url}/items/new?/save`,
				formHeaders(server.url, organizer),
				total
			);
			expect(res.status, `${total} bytes`).toBe(413);
			expect(res.body).toContain('larger than 64 KiB');
		}
		const login = await chunkedPost(`${server.url}/login?/signIn`, formHeaders(server.url), 70_000);
		expect(login.status).toBe(413);
	});

	it('sends the 413 while the client is still sending', async ({ server }) => {
		const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
		await once(socket, 'connect');
		let answer = '';
		socket.setEncoding('latin1').on('data', (d: string) => (answer += d));
		socket.write(
			`POST /login?/signIn HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.url}\r\n` +
				'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n'
		);
		const chunk = 'b'.repeat(8192);
		for (let i = 0; i < 12; i++) socket.write(`${(8192).toString(16)}\r\n${chunk}\r\n`);
		// No last chunk: the body is not over, and the answer must come anyway.
		const deadline = Date.now() + 10_000;
		while (!answer.includes('\r\n\r\n') && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 20));
		socket.destroy();
		expect(answer).toMatch(/^HTTP\/1\.1 413 /);
	});

	it('passes a chunked body within its limit on to the route', async ({ server }) => {
		const body = new URLSearchParams({
			id: 'chunked-item',
			title: 'Sent in chunks',
			kind: 'activity',
			when: 'early May 2024',
			status: 'planned'
		}).toString();
		const whole = await new Promise<Sent>((resolve, reject) => {
			const req = http.request(`${server.url}/items/new?/save`, {
				method: 'POST',
				headers: formHeaders(server.url, organizer)
			});
			req.on('response', (r) => {
				r.resume();
				r.on('end', () => resolve({ status: r.statusCode ?? 0, body: '', headers: r.headers }));
			});
			req.on('error', reject);
			// No Content-Length: node:http sends these as chunks.
			for (let i = 0; i < body.length; i += 10) req.write(body.slice(i, i + 10));
			req.end();
		});
		expect(whole.status).toBe(303);
		expect((await fetchText(`${server.url}/items/chunked-item`)).status).toBe(200);
	});

	it('holds the plan API to its own limit, and accepts a chunked plan within it', async ({
		server
	}) => {
		const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
		const big = await chunkedPost(`${server.url}/api/plan`, auth, 6 * 1024 * 1024, 64 * 1024);
		expect(big.status).toBe(413);
		const plan = (await fetchText(`${server.url}/api/plan`, { headers: auth })).body;
		const ok = await new Promise<Sent>((resolve, reject) => {
			const req = http.request(`${server.url}/api/plan`, { method: 'POST', headers: auth });
			req.on('response', (r) => {
				const parts: Buffer[] = [];
				r.on('data', (c: Buffer) => parts.push(c));
				r.on('end', () =>
					resolve({ status: r.statusCode ?? 0, body: Buffer.concat(parts).toString(), headers: {} })
				);
			});
			req.on('error', reject);
			for (let i = 0; i < plan.length; i += 50_000) req.write(plan.slice(i, i + 50_000));
			req.end();
		});
		expect(ok.status, ok.body).toBe(200);
	});
});

describe('PlanFile caps over HTTP', () => {
	it('refuses a plan with one person too many, naming the list and its cap, and keeps the plan', async ({
		server
	}) => {
		const auth = { authorization: `Bearer ${TOKEN}` };
		const before = (await fetchText(`${server.url}/api/plan`, { headers: auth })).body;
		const plan = JSON.parse(before) as { people: { id: string; name: string }[] };
		for (let i = plan.people.length; i <= 5_000; i++) plan.people.push({ id: `p-${i}`, name: 'P' });
		const res = await postPlan(server.url, TOKEN, plan);
		const answer = (await res.json()) as { issues: string[] };
		expect(res.status).toBe(400);
		expect(answer.issues).toContain('people: too many people: a plan holds at most 5,000 people');
		expect((await fetchText(`${server.url}/api/plan`, { headers: auth })).body).toBe(before);
	});
});

describe('private busy periods in the public plan and the front cache', () => {
	let privateFeed = '';
	it.beforeAll(async ({ server }) => {
		const auth = { Authorization: `Bearer ${TOKEN}` };
		const plan = PlanFile.parse(
			JSON.parse((await fetchText(`${server.url}/api/plan`, { headers: auth })).body)
		);
		plan.locations.push({
			id: 'davos',
			city: 'Davos',
			country: 'CH',
			zone: 'Europe/Zurich',
			lat: 46.8,
			lon: 9.84
		});
		plan.commitments.push(privateClinic('davos'));
		const res = await postPlan(server.url, TOKEN, plan);
		expect(res.status).toBe(200);
		cli(server, 'feeds');
		privateFeed = /\/feeds\/people\/[A-Za-z0-9_-]{43}\.ics/.exec(
			cli(server, 'rotate-token', 'lise-fuhr')
		)![0];
		cli(server, 'feed-busy', 'lise-fuhr', 'on');
	});

	const privateOne = (body: string) =>
		PlanFile.parse(JSON.parse(body)).commitments.filter(
			(c) => c.person === 'lise-fuhr' && c.visibility === 'private'
		);

	it('shows the period (who, when, hard) but not its reason, place or id', async ({ server }) => {
		const first = await fetch(`${server.url}/api/plan`);
		const body = await first.text();
		const second = await fetch(`${server.url}/api/plan`);
		expect(second.headers.get('x-cache')).toBe('hit');
		for (const text of [body, await second.text()]) {
			expect(text).not.toMatch(/Clinic|lf-private-clinic/);
			const [c] = privateOne(text);
			expect(c).toMatchObject({
				person: 'lise-fuhr',
				when: { type: 'day', date: '2024-05-28' },
				strength: 'hard',
				reason: '',
				place: null
			});
			expect(c!.id).toMatch(/^private-[a-z0-9]+$/);
			expect(JSON.stringify(PlanFile.parse(JSON.parse(text)).commitments)).not.toContain('davos');
		}
		// Organizers get all of it.
		const full = await fetchText(`${server.url}/api/plan`, {
			headers: { Authorization: `Bearer ${TOKEN}` }
		});
		expect(privateOne(full.body)[0]).toMatchObject({
			id: 'lf-private-clinic',
			reason: 'Clinic appointment',
			place: 'davos'
		});
	});

	it('keeps the opaque id while the period stays, across other changes', async ({ server }) => {
		const before = privateOne((await fetchText(`${server.url}/api/plan`)).body)[0]!.id;
		const made = await postForm(
			`${server.url}/items/new?/save`,
			{ id: 'unrelated-change', title: 'Unrelated', kind: 'activity', when: 'June 2024' },
			{ cookie: organizer }
		);
		expect(made.status).toBe(303);
		expect(privateOne((await fetchText(`${server.url}/api/plan`)).body)[0]!.id).toBe(before);
	});

	it('never puts them in cached pages', async ({ server }) => {
		for (const page of ['/', '/plan', '/people/lise-fuhr', '/items/wsis-20-presentation']) {
			await fetchText(`${server.url}${page}`);
			const res = await fetch(`${server.url}${page}`);
			expect(res.headers.get('x-cache'), page).toBe('hit');
			const html = await res.text();
			expect(html, page).not.toMatch(/Clinic|lf-private-clinic/);
		}
		expect((await fetchText(`${server.url}/people/lise-fuhr`)).body).not.toMatch(/davos|Davos/);
	});

	it("still gives the member's own feed the real UID, reason and place", async ({ server }) => {
		const feed = await fetchText(`${server.url}${privateFeed}`);
		expect(feed.status).toBe(200);
		const unfolded = feed.body.replace(/\r\n[ \t]/g, '');
		expect(unfolded).toContain('UID:busy-lf-private-clinic@');
		expect(unfolded).toContain('SUMMARY:Busy: Clinic appointment');
		expect(unfolded).toContain('LOCATION:Davos');
	});
});

describe('next, cookies and token pages', () => {
	const nextOnPage = async (server: RunningServer, next: string) => {
		const page = await fetchText(`${server.url}/login?next=${encodeURIComponent(next)}`);
		return /name="next" value="([^"]*)"/.exec(page.body)?.[1];
	};

	it('keeps a same-origin path and sends everything else home', async ({ server }) => {
		expect(await nextOnPage(server, '/plan?zone=Europe%2FBrussels')).toBe(
			'/plan?zone=Europe%2FBrussels'
		);
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'\\\\evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'/%2F%2Fevil.example',
			'/%5Cevil.example',
			'/plan%0d%0aSet-Cookie:x=1',
			'/plan\r\nLocation: //evil',
			'/pl\tan',
			'/%09/evil.example',
			'/plan é',
			'/caf%C3%A9',
			'/a/../../etc',
			'plan',
			''
		]) {
			expect(await nextOnPage(server, bad), JSON.stringify(bad)).toBe('/');
		}
		const res = await postForm(`${server.url}/login?/signIn`, {
			name: 'Ana',
			password: PASSWORD,
			next: '//evil.example/x'
		});
		expect(res.status).toBe(303);
		expect(res.location).toBe('/');
	});

	it('clears the session cookie over plain http, with the attributes it was set with', async ({
		server
	}) => {
		const cookie = await signInAs(server.url, 'Leaving', PASSWORD);
		const out = await postForm(`${server.url}/login?/signOut`, {}, { cookie });
		expect(out.status).toBe(303);
		const cleared = out.cookies.session;
		expect(cleared?.value).toBe('');
		expect(cleared?.attributes).toMatch(/Max-Age=0/i);
		expect(cleared?.attributes).toMatch(/Path=\//i);
		expect(cleared?.attributes).toMatch(/HttpOnly/i);
		// A Secure deletion is ignored by browsers over http: the organizer would stay signed in.
		expect(cleared?.attributes).not.toMatch(/Secure/i);
		expect((await fetchText(`${server.url}/items/new`, { headers: { cookie } })).status).toBe(303);
	});

	it('sends no-store and a same-origin referrer policy with a personal page', async ({
		server
	}) => {
		const link = memberLink(server, 'vint-cerf');
		const res = await fetch(link, { redirect: 'manual' });
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		// same-origin: no Referer to other sites, and the page's own form posts keep their Origin.
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
	});
});

describe('PUBLIC_PLAN=false', () => {
	it.beforeAll(({ closed }) => void closed); // started before its tests (see startsServer)

	it("answers a personal feed to its holder's calendar app, without a cookie", async ({
		closed
	}) => {
		cli(closed, 'feeds');
		const path = /\/feeds\/people\/([A-Za-z0-9_-]{43})\.ics/.exec(
			cli(closed, 'rotate-token', 'lise-fuhr')
		)!;
		const token = path[1]!;
		const feed = await fetchText(`${closed.url}${path[0]}`, {
			headers: { 'user-agent': 'Google-Calendar-Importer' }
		});
		expect(feed.status).toBe(200);
		expect(feed.type).toMatch(/^text\/calendar/);
		expect(feed.body).toContain('BEGIN:VCALENDAR');
		const changes = await fetchText(`${closed.url}/feeds/people/${token}/changes`);
		expect(changes.status).toBe(200);
		// The member link's own copy of that page opens without a cookie too.
		const link = cli(closed, 'member-links', 'lise-fuhr').trim().split('\t')[1]!;
		const mine = await fetchText(`${link}/changes`);
		expect(mine.status).toBe(200);
		expect(mine.body).toContain('Changes since your calendar last fetched');
		// Strangers still see nothing else.
		expect((await fetchText(`${closed.url}/calendar.ics`)).status).toBe(303);
	});

	it('never copies a token into a redirect', async ({ closed }) => {
		const token = 'A'.repeat(43);
		for (const path of [
			`/feeds/people/${token}.ics`,
			`/feeds/people/${token}/changes`,
			`/me/${token}`,
			`/login/setup/${token}`,
			`/me/${token}/anything`,
			`/feeds/people/${token}/other`
		]) {
			const res = await fetch(`${closed.url}${path}`, { redirect: 'manual' });
			await res.arrayBuffer();
			expect(res.headers.get('location') ?? '', path).not.toContain(token);
		}
		const plan = await fetch(`${closed.url}/plan?x=1`, { redirect: 'manual' });
		expect(plan.status).toBe(303);
		expect(plan.headers.get('location')).toBe('/login?next=%2Fplan%3Fx%3D1');
	});
});
