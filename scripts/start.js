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
 */
import http from 'node:http';
import process from 'node:process';

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
	handler(req, res, () => {
		res.statusCode = 404;
		res.end();
	});
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
