/**
 * Serves the built app (`npm start`, and what the tests and the bench run): adapter-node's request
 * handler behind a plain node:http server.
 *
 * Why not `node build/index.js`: adapter-node takes a request's scheme from the header named by
 * PROTOCOL_HEADER and assumes https when there is none, so on plain http (localhost, a LAN, the
 * tests) SvelteKit's CSRF check sees "https://host" as its own origin, "http://host" in the form
 * post's Origin, and refuses every form. Unless the operator names a proxy's header (e.g.
 * PROTOCOL_HEADER=x-forwarded-proto behind a TLS-terminating proxy), the scheme here comes from
 * the connection itself, never from anything the client sent.
 *
 * Environment as for adapter-node: PORT (3000), HOST (0.0.0.0), BODY_SIZE_LIMIT, and the app's own.
 *
 * Why the front cache is asked here, before SvelteKit, and not only from `handle` (the hook's
 * `frontCache` handle serves the same entries): a hit answered here skips adapter-node turning
 * the Node request into a Web Request, SvelteKit's routing, the hook sequence and the Web Response
 * turned back into Node's. For a cached page that is most of the cost. `bench/run.ts app-vs-bare`
 * (20 connections, 5 s, one shared 2-core machine; same build, this line on and off):
 *
 *   endpoint    fast path here     served by handle only
 *   GET /       11,492 req/s       2,101 req/s    (app/bare 0.72 vs 0.14)
 *   /api/plan    5,904 req/s       1,540 req/s    (app/bare 0.52 vs 0.15)
 *
 * So the hook alone would serve public pages about five times slower. The lookup itself (key,
 * conditional 304, delivery counting) is the bundle's front-cache.ts, reached through
 * `globalThis[Symbol.for('iww-planner.front-cache')]` because the build bundles that module:
 * there is one implementation of the cache and of conditional requests (conditional.ts).
 */
import http from 'node:http';
import process from 'node:process';
import { Readable } from 'node:stream';

const OWN_HEADER = 'x-iww-connection-protocol';
const proxied = Boolean(process.env.PROTOCOL_HEADER);
if (!proxied) process.env.PROTOCOL_HEADER = OWN_HEADER;
// The .ics upload takes up to 2 MiB; the app enforces its own, tighter limit per route.
process.env.BODY_SIZE_LIMIT ??= '8M';

// A computed specifier, so type-checking does not wander into the generated build.
const entry = new URL('../build/handler.js', import.meta.url).href;
/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void }} */
const { handler } = await import(entry);

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const protocolHeader = (process.env.PROTOCOL_HEADER ?? OWN_HEADER).toLowerCase();
const hostHeader = (process.env.HOST_HEADER || 'host').toLowerCase();

/** @param {http.IncomingMessage} req @param {string} name */
function header(req, name) {
	const v = req.headers[name];
	return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The app's front cache (src/lib/server/front-cache.ts), registered by the server bundle when it
 * starts: rendered public pages and feeds, answered here without SvelteKit's per-request work.
 * @returns {{ lookup: (r: { method: string; url: URL; header: (n: string) => string | null }, now: number) => { status: number; headers: [string, string][]; body: Uint8Array } | null } | undefined}
 */
const frontDoor = () => /** @type {any} */ (globalThis)[Symbol.for('iww-planner.front-cache')];

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function answerFromCache(req, res) {
	const door = frontDoor();
	if (!door || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
	let url;
	try {
		// The same URL adapter-node builds: scheme from the protocol header, host from Host.
		url = new URL(
			req.url ?? '/',
			`${header(req, protocolHeader) ?? 'https'}://${header(req, hostHeader)}`
		);
	} catch {
		return false;
	}
	const hit = door.lookup({ method: req.method, url, header: (n) => header(req, n) }, Date.now());
	if (!hit) return false;
	res.writeHead(hit.status, [...hit.headers.flat(), 'X-Cache', 'hit']);
	res.end(req.method === 'HEAD' || hit.status === 304 ? undefined : hit.body);
	return true;
}

/**
 * The app's per-route body limits (guard.ts's registerBodyLimits), registered when it starts.
 * @returns {((pathname: string, search: string) => number) | undefined}
 */
const bodyLimitFor = () => /** @type {any} */ (globalThis)[Symbol.for('iww-planner.body-limit')];

/** After a 413, how much more of the body is read and dropped before the connection is cut. */
const DRAIN_BYTES = 16 * 1024 * 1024;
const DRAIN_MS = 5_000;

/**
 * Answers 413 and lets the rest of the body be read into the void (up to DRAIN_BYTES or
 * DRAIN_MS), so the client, still sending, gets to read the answer: a socket closed with unread
 * input makes the kernel send a reset, and the client then sees EPIPE or ECONNRESET instead of the
 * 413. So no `Connection: close` either (Node would close right after the answer): the
 * connection stays open, Node reads the body to its end, and a later request may reuse it.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {number} limit
 */
function tooLarge(req, res, limit) {
	const body = `The request body is larger than ${Math.round(limit / 1024)} KiB.`;
	res.writeHead(413, {
		'content-type': 'text/plain; charset=utf-8',
		'content-length': Buffer.byteLength(body)
	});
	res.end(body);
	const socket = req.socket;
	const start = socket.bytesRead;
	const started = Date.now();
	// Node may drop our 'data' listeners when it dumps the body itself: watch the socket instead.
	const watch = setInterval(() => {
		if (socket.bytesRead - start > DRAIN_BYTES || Date.now() - started > DRAIN_MS) {
			clearInterval(watch);
			socket.destroy();
		}
	}, 50);
	watch.unref();
	const stop = () => clearInterval(watch);
	req.once('end', stop);
	req.once('close', stop);
	socket.once('close', stop);
	req.resume();
}

/**
 * A request whose body was read here, handed on with the same head and a Content-Length: what
 * adapter-node reads from (headers, url, method, socket, the data events).
 * @param {http.IncomingMessage} req @param {Buffer} body
 * @returns {http.IncomingMessage}
 */
function replay(req, body) {
	const copy = new Readable({ read() {} });
	copy.push(body);
	copy.push(null);
	const headers = { ...req.headers, 'content-length': String(body.length) };
	delete headers['transfer-encoding'];
	return /** @type {http.IncomingMessage} */ (
		/** @type {unknown} */ (
			Object.assign(copy, {
				headers,
				rawHeaders: req.rawHeaders,
				trailers: {},
				url: req.url,
				method: req.method,
				httpVersion: req.httpVersion,
				httpVersionMajor: req.httpVersionMajor,
				httpVersionMinor: req.httpVersionMinor,
				socket: req.socket,
				connection: req.socket,
				complete: true
			})
		)
	);
}

/**
 * Holds a body to its route's limit before SvelteKit sees it. With a Content-Length the answer is
 * known at once; a chunked body (no Content-Length) is read here up to the limit and replayed, so
 * a form of many chunks cannot run past the 64 KiB its route allows. Calls `next` with the
 * request to hand on, or answers 413 itself.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
 * @param {(req: http.IncomingMessage) => void} next
 */
function limitBody(req, res, next) {
	const limitOf = bodyLimitFor();
	if (!limitOf || req.method === 'GET' || req.method === 'HEAD') return next(req);
	const q = (req.url ?? '/').indexOf('?');
	const pathname = q === -1 ? (req.url ?? '/') : (req.url ?? '/').slice(0, q);
	const limit = limitOf(pathname, q === -1 ? '' : (req.url ?? '').slice(q));
	const declared = req.headers['content-length'];
	if (declared !== undefined) {
		if (Number(declared) > limit) return tooLarge(req, res, limit);
		return next(req);
	}
	if (req.headers['transfer-encoding'] === undefined) return next(req);
	/** @type {Buffer[]} */
	const chunks = [];
	let size = 0;
	const onData = (/** @type {Buffer} */ chunk) => {
		size += chunk.length;
		if (size > limit) {
			req.off('data', onData);
			req.off('end', onEnd);
			chunks.length = 0;
			tooLarge(req, res, limit);
			return;
		}
		chunks.push(chunk);
	};
	const onEnd = () => next(replay(req, Buffer.concat(chunks, size)));
	req.on('data', onData);
	req.on('end', onEnd);
	req.on('error', () => req.socket.destroy());
}

const server = http.createServer((req, res) => {
	if (!proxied) {
		req.headers[OWN_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	}
	if (answerFromCache(req, res)) return;
	// SvelteKit 3 treats a body-less request without a Content-Type as a possible cross-site form
	// post and refuses DELETE with 403. A browser cannot send DELETE from a form, and a
	// cross-site fetch DELETE is preflighted, so a script's plain `DELETE /api/items/{id}` is
	// given a neutral type here.
	if (
		req.method === 'DELETE' &&
		req.headers['content-type'] === undefined &&
		!req.headers['transfer-encoding'] &&
		(req.headers['content-length'] ?? '0') === '0'
	) {
		req.headers['content-type'] = 'application/octet-stream';
	}
	limitBody(req, res, (request) =>
		handler(request, res, () => {
			res.statusCode = 404;
			res.end();
		})
	);
});

// Node closes idle keep-alive connections after 5 s; a client that reuses one just then (a
// calendar app polling, a script between two calls) sees "socket hang up". Keep them longer
// than common clients' own idle timeouts, as reverse proxies recommend.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, host, () => {
	console.log(`Listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

function shutdown() {
	server.closeIdleConnections();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
