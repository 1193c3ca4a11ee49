/**
 * Change notices by email, end to end: the built server sends through a real SMTP server started
 * here (npm `smtp-server`: the SMTP implementation nodemailer's authors maintain, started
 * in-process on a free port, with real AUTH and real SMTP replies, and able to refuse a recipient
 * on demand — a Debian MTA would need root-owned config and a maildir, and could not be told to
 * fail one delivery). The message is parsed as MIME by `mailparser`, its calendar part by ical.js
 * and python3-icalendar, and compared with the person's own feed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanFile } from '#lib/domain/schema.ts';
import { postForm, signInAs } from '../helpers/forms.ts';
import { freePort, ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const TOKEN = 'mail-test-admin-token';
const PASSWORD = 'mail test password';
const ITEM = 'delivery-test-meeting';
const UID = `${ITEM}@iww-planner.invalid`;
const PY = '/usr/bin/python3';

let smtp: SMTPServer;
let server: RunningServer;
let work: string;
let cookie: string;
let refuse = false;
const inbox: { from: string; to: string[]; user: string | undefined; raw: Buffer }[] = [];

function feedUrl(person: string): string {
	const out = execFileSync(process.execPath, ['scripts/plan.ts', 'rotate-token', person], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
	return /https?:\/\/\S+\.ics/.exec(out)![0];
}

/**
 * A GET that retries once when a kept-alive connection was closed under it (the server closes
 * idle connections after 5 s; a slow CLI step in between can make undici reuse a dying one).
 */
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
	try {
		return await fetch(url, { headers });
	} catch {
		return fetch(url, { headers });
	}
}

type Api = {
	mail: { enabled: boolean };
	notices: { state: string; item: string; lastError: string | null; attempts: number }[];
};

async function api(): Promise<Api> {
	const res = await get(`${server.url}/api/delivery`, { authorization: `Bearer ${TOKEN}` });
	return (await res.json()) as Api;
}

/** The newest notice once it has left `pending` and `sending`. */
async function settled(): Promise<Api['notices'][number]> {
	const end = Date.now() + 10_000;
	for (;;) {
		const n = (await api()).notices[0];
		if (n && n.state !== 'pending' && n.state !== 'sending') return n;
		if (Date.now() > end) throw new Error(`notice still ${n?.state}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The VEVENT with `uid`, unfolded, from a calendar text. */
function event(ics: string, uid: string): string {
	const unfolded = ics.replace(/\r\n[ \t]/g, '');
	return unfolded.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${uid}\r\n`)) ?? '';
}

const prop = (block: string, name: string) =>
	new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, 'm').exec(block)?.[1]?.trim();

async function waitFor<T>(f: () => T | undefined, ms = 10_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = f();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
}

function calendarPart(mail: ParsedMail): string {
	const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
	if (!part) throw new Error('no text/calendar part');
	return part.content.toString('utf8');
}

async function notify(item: string) {
	const res = await postForm(`${server.url}/delivery?/notify`, { item }, { cookie });
	expect(res.status, res.body.slice(0, 300)).toBe(200);
	return res;
}

beforeAll(async () => {
	work = mkdtempSync(path.join(tmpdir(), 'iww-mail-'));
	const port = await freePort();
	smtp = new SMTPServer({
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		onAuth(auth, _session, cb) {
			if (auth.username === 'planner' && auth.password === 's3cret') cb(null, { user: 'planner' });
			else cb(new Error('bad credentials'));
		},
		onRcptTo(_address, _session, cb) {
			if (refuse) {
				const err = new Error('mailbox unavailable') as Error & { responseCode: number };
				err.responseCode = 450;
				cb(err);
			} else cb();
		},
		onData(stream, session, cb) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				inbox.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					user: session.user as string | undefined,
					raw: Buffer.concat(chunks)
				});
				cb();
			});
		}
	});
	await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
	server = await startServer({
		env: {
			ADMIN_TOKEN: TOKEN,
			ORGANIZER_PASSWORD: PASSWORD,
			SMTP_URL: `smtp://planner:s3cret@127.0.0.1:${port}`,
			MAIL_FROM: 'IWW Planner <planner@example.org>',
			MAIL_TICK_SECONDS: '0.3',
			MAIL_RETRY_SECONDS: '0.2'
		}
	});
	// A dated meeting led by Lise, who has an email address.
	const plan = PlanFile.parse(await (await fetch(`${server.url}/api/plan`)).json());
	const withMail = {
		...plan,
		people: plan.people.map((p) =>
			p.id === 'lise-fuhr' ? { ...p, email: 'lise@example.org' } : p
		),
		items: [
			...plan.items,
			{
				id: ITEM,
				kind: 'meeting',
				title: 'Delivery test meeting',
				when: { type: 'range', start: '2024-03-04', end: '2024-03-05' },
				status: 'confirmed'
			}
		],
		assignments: [
			...plan.assignments,
			{ id: 'delivery-test-lead', item: ITEM, role: 'lead', who: 'LF', person: 'lise-fuhr' }
		]
	};
	const res = await fetch(`${server.url}/api/plan`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(withMail)
	});
	expect(res.status, await res.text()).toBe(200);
	cookie = await signInAs(server.url, 'Anja', PASSWORD);
});

afterAll(async () => {
	await server?.stop();
	await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
	if (work) rmSync(work, { recursive: true, force: true });
});

describe('change notices by email', () => {
	it('keeps email addresses out of the public plan', async () => {
		const text = await (await fetch(`${server.url}/api/plan`)).text();
		expect(text).not.toContain('lise@example.org');
		const page = await (await fetch(`${server.url}/people/lise-fuhr`)).text();
		expect(page).not.toContain('lise@example.org');
	});

	it('sends a MIME message whose iTIP REQUEST has the feed UID and SEQUENCE', async () => {
		const feed = await (
			await get(feedUrl('lise-fuhr'), { 'user-agent': 'Google-Calendar-Importer' })
		).text();
		const fromFeed = event(feed, UID);
		expect(fromFeed).not.toBe('');

		await notify(ITEM);
		const msg = await waitFor(() => inbox.at(-1));
		expect(msg.to).toEqual(['lise@example.org']);
		expect(msg.from).toBe('planner@example.org');
		expect(msg.user).toBe('planner'); // authenticated with the SMTP_URL's credentials

		const mail = await simpleParser(msg.raw);
		expect(mail.subject).toBe('Changed: Delivery test meeting');
		expect(mail.text).toContain('Hello Lise Fuhr,');
		expect(mail.text).toContain('“Delivery test meeting”');
		expect(mail.text).toContain(`/items/${ITEM}`);
		const ics = calendarPart(mail);

		// ical.js
		const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
		expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
		const vevent = cal.getFirstSubcomponent('vevent')!;
		expect(vevent.getFirstPropertyValue('uid')).toBe(UID);
		expect(String(vevent.getFirstPropertyValue('sequence'))).toBe(prop(fromFeed, 'SEQUENCE'));
		expect(String(vevent.getFirstPropertyValue('attendee'))).toBe('mailto:lise@example.org');

		// python3-icalendar
		const file = path.join(work, 'request.ics');
		writeFileSync(file, ics);
		const py = execFileSync(
			PY,
			[
				'-c',
				[
					'import sys, icalendar',
					'cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())',
					'ev = [c for c in cal.walk("VEVENT")][0]',
					'print(cal["METHOD"], ev["UID"], int(ev["SEQUENCE"]), ev["STATUS"], sep="|")'
				].join('\n'),
				file
			],
			{ encoding: 'utf8' }
		).trim();
		expect(py).toBe(`REQUEST|${UID}|${prop(fromFeed, 'SEQUENCE')}|${prop(fromFeed, 'STATUS')}`);

		// The dates are the feed's, too.
		expect(prop(event(ics, UID), 'DTSTART')).toBe(prop(fromFeed, 'DTSTART'));
		expect(prop(event(ics, UID), 'DTEND')).toBe(prop(fromFeed, 'DTEND'));
	});

	it('leaves a client that imported the REQUEST and then syncs the feed with one event', async () => {
		// A calendar store keyed by UID, as CalDAV servers and vdir clients keep it.
		const store = path.join(work, 'calendar');
		execFileSync('mkdir', ['-p', store]);
		const put = (ics: string) => {
			const unfolded = ics.replace(/\r\n[ \t]/g, '');
			for (const block of unfolded.split('BEGIN:VEVENT').slice(1)) {
				const uid = prop(block, 'UID')!;
				writeFileSync(path.join(store, `${encodeURIComponent(uid)}.ics`), `BEGIN:VEVENT${block}`);
			}
		};
		const mail = await simpleParser(inbox.at(-1)!.raw);
		put(calendarPart(mail));
		const feed = await (await get(feedUrl('lise-fuhr'))).text();
		put(feed);
		const mine = readdirSync(store).filter((f) =>
			readFileSync(path.join(store, f), 'utf8').includes('Delivery test meeting')
		);
		expect(mine).toEqual([`${encodeURIComponent(UID)}.ics`]);
		// and the feed's copy (the later one) has the same SEQUENCE the invitation had
		expect(prop(readFileSync(path.join(store, mine[0]!), 'utf8'), 'SEQUENCE')).toBe(
			prop(event(calendarPart(mail), UID), 'SEQUENCE')
		);
	});

	it('lists sent notices on /delivery, in the API and in the history', async () => {
		expect(await settled()).toMatchObject({ state: 'sent', item: ITEM });
		const report = await api();
		expect(report.mail.enabled).toBe(true);
		expect(JSON.stringify(report)).not.toContain('lise@example.org');
		const page = await (await get(`${server.url}/delivery`, { cookie })).text();
		expect(page).toContain('Send to the people concerned');
		expect(page).toContain('sent');
		const history = await (await get(`${server.url}/history?item=${ITEM}`)).text();
		expect(history).toContain('notice');
	});

	it('shows a failed send and retries it until it goes through', async () => {
		const before = inbox.length;
		refuse = true;
		await notify(ITEM);
		const failed = await settled();
		expect(failed.state).toBe('failed');
		expect(failed.lastError).toMatch(/450|mailbox unavailable/);
		const page = await (await get(`${server.url}/delivery`, { cookie })).text();
		expect(page).toContain('failed');
		refuse = false;
		await waitFor(() => (inbox.length > before ? true : undefined));
		const after = await settled();
		expect(after.state).toBe('sent');
		expect(after.attempts).toBeGreaterThanOrEqual(2);
	});
});
