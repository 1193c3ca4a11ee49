/**
 * The JavaScript a page makes the browser load: the module preloads and imports in its HTML, and
 * every module those import statically, with raw and gzip sizes. Used by the tests (a budget) and
 * by the bench (the figure).
 */
import { gzipSync } from 'node:zlib';

export interface PageScript {
	url: string;
	bytes: number;
	gzip: number;
	text: string;
}

const IN_HTML =
	/<link[^>]+href="([^"]+\.js)"[^>]*rel="modulepreload"|<link[^>]+rel="modulepreload"[^>]*href="([^"]+\.js)"|import\("([^"]+\.js)"\)|<script[^>]+src="([^"]+\.js)"/g;
// Static imports only (`import"./x.js"`, `from"./x.js"`): a lazy `import()` is not loaded up front.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g;

export async function pageScripts(pageUrl: string): Promise<PageScript[]> {
	const res = await fetch(pageUrl);
	if (!res.ok) throw new Error(`GET ${pageUrl} answered ${res.status}`);
	const html = await res.text();
	const queue = [...html.matchAll(IN_HTML)].map(
		(m) => new URL(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '', pageUrl).href
	);
	const seen = new Map<string, PageScript>();
	while (queue.length) {
		const url = queue.shift()!;
		if (seen.has(url)) continue;
		const r = await fetch(url);
		if (!r.ok) throw new Error(`GET ${url} answered ${r.status}`);
		const text = await r.text();
		const buf = Buffer.from(text);
		seen.set(url, { url, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length, text });
		for (const m of text.matchAll(STATIC_IMPORT)) queue.push(new URL(m[1]!, url).href);
	}
	return [...seen.values()];
}
