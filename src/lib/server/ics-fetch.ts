/**
 * Fetching a calendar a member subscribed us to, guarded: the address is theirs to type, so it
 * must not become a way into our own network.
 *
 * - https only (`webcal://` means https); plain http only for hosts in ICS_FETCH_ALLOW.
 * - The host name is resolved here (every address it has), each address is checked — no
 *   loopback, private, link-local, unique-local, multicast or otherwise special address unless
 *   the host is in ICS_FETCH_ALLOW — and the connection goes to the address that was checked (a
 *   `lookup` that answers with it), so a second DNS answer cannot point it elsewhere (rebinding).
 *   TLS still checks the certificate against the host name.
 * - At most 3 redirects, each to the same host and port; a redirect elsewhere is refused.
 * - One timeout over the whole fetch (10 s), and a size cap (2 MB): the body is read as it comes
 *   and the connection dropped past the cap.
 * - The last ETag and Last-Modified are sent back; 304 means the calendar did not change.
 *
 * Errors are sentences for the member. The address is a secret (it grants reading their
 * calendar): it is never logged or put into an error message.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export type FetchOptions = {
	/** `host` or `host:port` entries (lower case) allowed over http and at private addresses. */
	allow: readonly string[];
	timeoutMs: number;
	maxBytes: number;
	etag?: string | null;
	lastModified?: string | null;
};

export type FetchResult =
	| { status: 'unchanged' }
	| { status: 'ok'; text: string; etag: string | null; lastModified: string | null };

/** Why a calendar could not be fetched, in words for the member. */
export class IcsFetchError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'IcsFetchError';
	}
}

const MAX_REDIRECTS = 3;

/** Addresses no calendar of a member's should live at (RFC 6890 and friends). */
const blocked = new BlockList();
for (const [net, bits] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4],
	['240.0.0.0', 4]
] as const)
	blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
	['::', 128],
	['::1', 128],
	['64:ff9b::', 96],
	['100::', 64],
	['2001:db8::', 32],
	['fc00::', 7],
	['fe80::', 10],
	['fec0::', 10],
	['ff00::', 8]
] as const)
	blocked.addSubnet(net, bits, 'ipv6');

/** Whether an address is private, loopback, link-local or otherwise not the public internet. */
export function isPrivateAddress(address: string): boolean {
	const family = isIP(address);
	if (family === 4) return blocked.check(address, 'ipv4');
	if (family !== 6) return true;
	// IPv4-mapped and IPv4-compatible forms carry an IPv4 address: judge that one.
	const mapped = /^(?:0{0,4}:){0,5}(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
	if (mapped) return blocked.check(mapped, 'ipv4');
	const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
	if (hexMapped) {
		const hi = parseInt(hexMapped[1]!, 16);
		const lo = parseInt(hexMapped[2]!, 16);
		return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
	}
	return blocked.check(address, 'ipv6');
}

/**
 * The address as we fetch it: `webcal:` read as https, no user name or password, https (or http
 * for an allowed host). Throws IcsFetchError.
 */
export function normalizeCalendarUrl(raw: string, allow: readonly string[]): URL {
	let text = raw.trim();
	if (/^webcals?:\/\//i.test(text)) text = text.replace(/^webcals?:/i, 'https:');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new IcsFetchError('This is not a web address (it should start with https://).');
	}
	if (url.username || url.password) {
		throw new IcsFetchError('Addresses with a user name or password are not supported.');
	}
	if (url.protocol === 'http:' && !allowed(url, allow)) {
		throw new IcsFetchError(
			'Only https addresses can be subscribed to (plain http is not private).'
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new IcsFetchError('Only https addresses can be subscribed to.');
	}
	url.hash = '';
	return url;
}

function allowed(url: URL, allow: readonly string[]): boolean {
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	return allow.some((entry) => {
		const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
		if (!m) return false;
		const h = m[1]!.replace(/^\[|\]$/g, '');
		return h === host && (m[2] === undefined || m[2] === port);
	});
}

/** Every address of the host, each checked; the first is the one we connect to. */
async function resolveChecked(url: URL, allow: readonly string[], signal: AbortSignal) {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	let addresses: { address: string; family: number }[];
	if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
	else {
		try {
			// The lookup has no signal of its own: the fetch's timeout ends the wait for it.
			addresses = await Promise.race([
				dnsLookup(host, { all: true, verbatim: true }),
				new Promise<never>((_, reject) => {
					if (signal.aborted) reject(new Error('aborted'));
					signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
				})
			]);
		} catch (e) {
			if (signal.aborted) throw e;
			throw new IcsFetchError(`The server "${host}" could not be found.`);
		}
	}
	if (addresses.length === 0) throw new IcsFetchError(`The server "${host}" could not be found.`);
	if (!allowed(url, allow) && addresses.some((a) => isPrivateAddress(a.address))) {
		throw new IcsFetchError(
			`The server "${host}" is on a private or local network, which the planner does not fetch from.`
		);
	}
	return addresses[0]!;
}

const since = (date: string | null | undefined) => (date ? { 'if-modified-since': date } : {});
const match = (etag: string | null | undefined) => (etag ? { 'if-none-match': etag } : {});

type Answer =
	| { kind: 'redirect'; location: string }
	| { kind: 'unchanged' }
	| { kind: 'ok'; text: string; etag: string | null; lastModified: string | null };

/** One request to the checked address; the body is read up to the cap. */
function requestOnce(
	url: URL,
	address: { address: string; family: number },
	options: FetchOptions,
	signal: AbortSignal
): Promise<Answer> {
	const pinned: LookupFunction = (_host, opts, callback) => {
		if (opts.all) callback(null, [address]);
		else callback(null, address.address, address.family);
	};
	const client = url.protocol === 'https:' ? https : http;
	return new Promise<Answer>((resolve, reject) => {
		const req = client.request(
			url,
			{
				method: 'GET',
				lookup: pinned,
				signal,
				headers: {
					accept: 'text/calendar, */*;q=0.5',
					'user-agent': 'IWW-Planner (calendar subscription)',
					...match(options.etag),
					...since(options.lastModified)
				}
			},
			(res) => {
				const early = answerWithoutBody(res);
				if (early === null) readBody(req, res, options.maxBytes, resolve, reject);
				else if (early instanceof IcsFetchError) reject(early);
				else resolve(early);
			}
		);
		req.on('error', reject);
		req.end();
	});
}

/**
 * The answer when the status alone says it (a redirect, 304, or an error status; the body is
 * drained), or null for a 200 whose body is the calendar.
 */
function answerWithoutBody(res: http.IncomingMessage): Answer | IcsFetchError | null {
	const status = res.statusCode ?? 0;
	if (status === 200) return null;
	res.resume();
	if ([301, 302, 303, 307, 308].includes(status)) {
		const location = res.headers.location;
		if (!location) return new IcsFetchError(`The server redirected (${status}) nowhere.`);
		return { kind: 'redirect', location };
	}
	if (status === 304) return { kind: 'unchanged' };
	return new IcsFetchError(
		`The server answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}${status === 404 || status === 410 ? ': the calendar is not (or no longer) at this address' : ''}.`
	);
}

/** Reads a 200's body as it comes, dropping the connection once it passes `maxBytes`. */
function readBody(
	req: http.ClientRequest,
	res: http.IncomingMessage,
	maxBytes: number,
	resolve: (answer: Answer) => void,
	reject: (e: unknown) => void
): void {
	const declared = Number(res.headers['content-length'] ?? NaN);
	if (declared > maxBytes) {
		reject(tooLarge(maxBytes));
		res.destroy();
		return;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	res.on('data', (chunk: Buffer) => {
		size += chunk.length;
		if (size > maxBytes) {
			// Rejected before the socket is torn down, which reports its own error.
			reject(tooLarge(maxBytes));
			res.destroy();
			req.destroy();
			return;
		}
		chunks.push(chunk);
	});
	res.on('end', () => {
		const etag = res.headers.etag;
		const lastModified = res.headers['last-modified'];
		resolve({
			kind: 'ok',
			text: Buffer.concat(chunks).toString('utf8'),
			etag: typeof etag === 'string' ? etag : null,
			lastModified: typeof lastModified === 'string' ? lastModified : null
		});
	});
	res.on('error', reject);
	res.on('aborted', () => reject(new IcsFetchError('The server stopped sending.')));
}

function tooLarge(max: number): IcsFetchError {
	return new IcsFetchError(
		`The calendar is larger than ${Math.round(max / 1024 / 1024)} MB; subscribe to a shorter range.`
	);
}

/** Words for a network failure (never the address itself). */
function networkError(e: unknown, timedOut: boolean, timeoutMs: number): IcsFetchError {
	if (e instanceof IcsFetchError) return e;
	if (timedOut)
		return new IcsFetchError(
			`The server did not send the calendar within ${Math.round(timeoutMs / 1000)} seconds.`
		);
	const code = (e as { code?: string }).code ?? '';
	if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code))
		return new IcsFetchError("The server's certificate could not be checked (https).");
	if (code === 'ECONNREFUSED') return new IcsFetchError('The server refused the connection.');
	if (code === 'ECONNRESET') return new IcsFetchError('The server closed the connection.');
	return new IcsFetchError(`The calendar could not be fetched${code ? ` (${code})` : ''}.`);
}

/** Fetches the calendar at `raw`; throws IcsFetchError with a sentence. */
export async function fetchCalendar(raw: string, options: FetchOptions): Promise<FetchResult> {
	let url = normalizeCalendarUrl(raw, options.allow);
	const origin = url.host.toLowerCase();
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, options.timeoutMs);
	try {
		for (let hop = 0; ; hop++) {
			const address = await resolveChecked(url, options.allow, controller.signal);
			if (timedOut) throw networkError(null, true, options.timeoutMs);
			const answer = await requestOnce(url, address, options, controller.signal);
			if (answer.kind === 'unchanged') return { status: 'unchanged' };
			if (answer.kind === 'ok') {
				return {
					status: 'ok',
					text: answer.text,
					etag: answer.etag,
					lastModified: answer.lastModified
				};
			}
			if (hop >= MAX_REDIRECTS) throw new IcsFetchError('The server redirected too many times.');
			let next: URL;
			try {
				next = normalizeCalendarUrl(new URL(answer.location, url).href, options.allow);
			} catch {
				throw new IcsFetchError('The server redirected to an address that cannot be fetched.');
			}
			if (next.host.toLowerCase() !== origin) {
				throw new IcsFetchError(
					'The server redirected to another server, which the planner does not follow; subscribe to the final address instead.'
				);
			}
			url = next;
		}
	} catch (e) {
		throw networkError(e, timedOut, options.timeoutMs);
	} finally {
		clearTimeout(timer);
	}
}
