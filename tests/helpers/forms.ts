/**
 * Posting forms like a browser without JavaScript: url-encoded or multipart, with the page's own
 * Origin (SvelteKit's CSRF check), a cookie jar of one, and redirects left for the test to see.
 */
export interface Posted {
	status: number;
	body: string;
	location: string | null;
	cookies: Record<string, { value: string; attributes: string }>;
}

function parseCookies(res: Response): Posted['cookies'] {
	const out: Posted['cookies'] = {};
	for (const line of res.headers.getSetCookie()) {
		const [pair = '', ...attrs] = line.split(';');
		const eq = pair.indexOf('=');
		out[pair.slice(0, eq).trim()] = {
			value: pair.slice(eq + 1).trim(),
			attributes: attrs.map((a) => a.trim()).join('; ')
		};
	}
	return out;
}

export async function postForm(
	url: string,
	fields: Record<string, string> | FormData,
	opts: { cookie?: string; origin?: string } = {}
): Promise<Posted> {
	const target = new URL(url);
	const headers: Record<string, string> = {
		accept: 'text/html',
		origin: opts.origin ?? target.origin
	};
	if (opts.cookie) headers.cookie = opts.cookie;
	const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
	const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual' });
	return {
		status: res.status,
		body: await res.text(),
		location: res.headers.get('location'),
		cookies: parseCookies(res)
	};
}

/** Signs in as an organizer and returns the Cookie header value for later requests. */
export async function signInAs(base: string, name: string, password: string): Promise<string> {
	const res = await postForm(`${base}/login?/signIn`, { name, password });
	const session = res.cookies.session?.value;
	if (res.status !== 303 || !session) {
		throw new Error(`sign-in failed: ${res.status} ${res.body.slice(0, 200)}`);
	}
	return `session=${session}`;
}

/** The hidden `version` of the first form on a page (the item's revision on its edit page). */
export function versionIn(html: string): string {
	const m = /name="version" value="([^"]*)"/.exec(html);
	if (!m?.[1]) throw new Error('no version field on the page');
	return m[1];
}
