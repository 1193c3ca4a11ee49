/**
 * A real local calendar server for subscription tests: plain http and https (a self-signed
 * certificate made here with the `openssl` CLI), serving calendars that the test changes between
 * fetches, with ETag / If-None-Match (304), same-host and other-host redirects, a body too large
 * to accept and one that never comes.
 *
 * The planner's server trusts the certificate through NODE_EXTRA_CA_CERTS (`caFile`), which Node
 * reads at start-up: pass `env()` to startServer. ICS_FETCH_ALLOW lists 127.0.0.1 with both ports,
 * so the fetcher may reach these loopback servers (and plain http); `localhost` is left out, so
 * the same server by that name counts as a private address.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type CalendarEvent = { uid: string; start: string; end: string; summary: string };

/** An iCalendar file of timed UTC events (`start`/`end` like `2024-03-05T09:00`). */
export function calendar(events: readonly CalendarEvent[]): string {
	const stamp = (t: string) => `${t.replace(/[-:]/g, '')}00Z`;
	return [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//iww tests//EN',
		...events.flatMap((e) => [
			'BEGIN:VEVENT',
			`UID:${e.uid}`,
			'DTSTAMP:20240101T000000Z',
			`DTSTART:${stamp(e.start)}`,
			`DTEND:${stamp(e.end)}`,
			`SUMMARY:${e.summary}`,
			'END:VEVENT'
		]),
		'END:VCALENDAR',
		''
	].join('\r\n');
}

export interface CalendarServer {
	/** `https://127.0.0.1:PORT` */
	https: string;
	/** `http://127.0.0.1:PORT` */
	http: string;
	httpsPort: number;
	/** What /cal/{name}.ics serves now (set it to change the calendar between fetches). */
	calendars: Map<string, string>;
	/** Requests seen, with the status answered. */
	log: { path: string; status: number; ifNoneMatch: string | null }[];
	caFile: string;
	/** Environment for startServer: the CA and the allow list. */
	env(): Record<string, string>;
	close(): Promise<void>;
}

const etagOf = (text: string) => `"${Buffer.from(text).length}-${hash(text)}"`;
function hash(text: string): string {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
	return h.toString(16);
}

export async function startCalendarServer(): Promise<CalendarServer> {
	const dir = mkdtempSync(path.join(tmpdir(), 'iww-cal-'));
	const keyFile = path.join(dir, 'key.pem');
	const caFile = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			keyFile,
			'-out',
			caFile,
			'-days',
			'2',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1,DNS:localhost'
		],
		{ stdio: 'ignore' }
	);
	const calendars = new Map<string, string>();
	const log: CalendarServer['log'] = [];
	const hanging = new Set<http.ServerResponse>();
	let httpsPort = 0;

	const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://x');
		const ifNoneMatch = req.headers['if-none-match'] ?? null;
		const answer = (status: number, headers: Record<string, string> = {}, body?: string) => {
			log.push({ path: url.pathname, status, ifNoneMatch });
			res.writeHead(status, headers);
			res.end(body);
		};
		const cal = /^\/cal\/([a-z0-9-]+)\.ics$/.exec(url.pathname);
		if (cal) {
			const text = calendars.get(cal[1]!);
			if (text === undefined) return answer(404, {}, 'no such calendar');
			const etag = etagOf(text);
			if (ifNoneMatch === etag) return answer(304, { etag });
			return answer(200, { 'content-type': 'text/calendar; charset=utf-8', etag }, text);
		}
		if (url.pathname === '/redirect-same.ics') return answer(302, { location: '/cal/main.ics' });
		if (url.pathname === '/redirect-other.ics')
			return answer(302, { location: `https://localhost:${httpsPort}/cal/main.ics` });
		if (url.pathname === '/redirect-loop.ics')
			return answer(302, { location: '/redirect-loop.ics' });
		if (url.pathname === '/large.ics') {
			// Chunked, no Content-Length: the cap must hold while reading.
			log.push({ path: url.pathname, status: 200, ifNoneMatch });
			res.writeHead(200, { 'content-type': 'text/calendar' });
			const line = `X-PAD:${'x'.repeat(1000)}\r\n`;
			let sent = 0;
			const more = () => {
				while (sent < 3 * 1024 * 1024) {
					sent += line.length;
					if (!res.write(line)) return void res.once('drain', more);
				}
				res.end();
			};
			res.on('error', () => undefined);
			more();
			return;
		}
		if (url.pathname === '/hang.ics') {
			log.push({ path: url.pathname, status: 0, ifNoneMatch });
			hanging.add(res);
			res.writeHead(200, { 'content-type': 'text/calendar' });
			res.write('BEGIN:VCALENDAR\r\n');
			return;
		}
		answer(404, {}, 'not found');
	};

	const secure = https.createServer(
		{ key: readFileSync(keyFile), cert: readFileSync(caFile) },
		handler
	);
	const plain = http.createServer(handler);
	await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
	await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
	httpsPort = (secure.address() as AddressInfo).port;
	const httpPort = (plain.address() as AddressInfo).port;
	return {
		https: `https://127.0.0.1:${httpsPort}`,
		http: `http://127.0.0.1:${httpPort}`,
		httpsPort,
		calendars,
		log,
		caFile,
		env: () => ({
			NODE_EXTRA_CA_CERTS: caFile,
			ICS_FETCH_ALLOW: `127.0.0.1:${httpsPort},127.0.0.1:${httpPort}`
		}),
		close: async () => {
			for (const r of hanging) r.destroy();
			secure.closeAllConnections();
			plain.closeAllConnections();
			await new Promise((r) => secure.close(r));
			await new Promise((r) => plain.close(r));
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
