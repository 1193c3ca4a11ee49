/**
 * Small HTTP and HTML helpers for the contract tests: they talk to the server like any client,
 * with plain fetch, and read pages as the text a person would see.
 */

export interface Fetched {
	status: number;
	type: string;
	body: string;
}

/** GET (or any method) and read the whole body as text; never follows redirects silently. */
export async function fetchText(url: string, init: RequestInit = {}): Promise<Fetched> {
	const res = await fetch(url, { redirect: 'manual', ...init });
	return {
		status: res.status,
		type: res.headers.get('content-type') ?? '',
		body: await res.text()
	};
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	thinsp: ' ',
	hellip: '…'
};

/** Decodes the entities Svelte and browsers commonly emit, so titles compare as written. */
export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
		if (code.startsWith('#x') || code.startsWith('#X'))
			return String.fromCodePoint(parseInt(code.slice(2), 16));
		if (code.startsWith('#')) return String.fromCodePoint(parseInt(code.slice(1), 10));
		return ENTITIES[code.toLowerCase()] ?? whole;
	});
}

/** The visible text of an HTML document: no scripts, styles or tags, whitespace collapsed. */
export function textOf(html: string): string {
	const stripped = html
		.replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
		.replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<[^>]+>/g, ' ');
	return decodeEntities(stripped)
		.replace(/[\s\u00a0\u2009\u202f]+/g, ' ')
		.trim();
}

/** Every href in the document, decoded. */
export function hrefsOf(html: string): string[] {
	return [...html.matchAll(/<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) =>
		decodeEntities(m[1] ?? m[2] ?? '')
	);
}

/**
 * True when the document at `pageUrl` links to the path `target`. Hrefs are resolved against the
 * page, since SvelteKit renders relative links ("./plan") when `paths.relative` is on.
 */
export function linksTo(html: string, pageUrl: string, target: string): boolean {
	return hrefsOf(html).some((h) => {
		let pathname: string;
		try {
			pathname = new URL(h, pageUrl).pathname;
		} catch {
			return false;
		}
		return pathname === target || pathname === `${target}/`;
	});
}

/**
 * Replaces the whole plan through POST /api/plan as the admin-token holder would: `plan` is sent
 * as JSON (a string as it is, for bodies a test wrote by hand).
 */
export async function postPlan(base: string, token: string, plan: unknown): Promise<Response> {
	return fetch(`${base}/api/plan`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: typeof plan === 'string' ? plan : JSON.stringify(plan)
	});
}
