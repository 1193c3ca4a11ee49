// `npm start`: serve the built app (./build, adapter-node).
//
// SvelteKit 3's adapter-node assumes every request arrived over https unless a protocol header
// says otherwise (the ORIGIN variable is gone). Served directly over plain http — the demo on
// http://localhost:3000 — that would put https:// into feed links and make SvelteKit refuse form
// posts as cross-site. So we read the protocol from X-Forwarded-Proto (a TLS proxy in front sets it)
// and fill in "http" when nobody did. Set PROTOCOL_HEADER yourself to choose another header.
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
const header = process.env.PROTOCOL_HEADER.toLowerCase();

// A computed specifier, so type checking does not wander into the generated build.
const entry = new URL('../build/index.js', import.meta.url).href;
/** @type {{ server: import('node:http').Server }} */
const { server } = await import(entry);
server.prependListener('request', (req) => {
	req.headers[header] ??= 'http';
});
