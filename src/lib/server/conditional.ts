/**
 * Conditional GETs (RFC 9110 13.1), one implementation for every answer that carries validators:
 * the front cache, the feeds, the plan and item APIs. If-None-Match wins over If-Modified-Since
 * when both are sent; If-None-Match compares weakly (a W/ prefix is ignored) and `*` matches any
 * current representation; a date that does not parse never matches.
 */
export type Validators = {
	/** The answer's ETag, quoted as sent (`"plan-12"`). */
	etag?: string | null;
	/** The answer's Last-Modified as sent (an HTTP date); none when two versions share a second. */
	lastModified?: string | null;
};

/** Anything with request headers: a Request, or the front cache's view of a Node request. */
export type HasHeaders = { headers: { get(name: string): string | null } };

/** Whether the client's copy is current, so the answer is a 304 with no body. */
export function conditional(request: HasHeaders, { etag, lastModified }: Validators): boolean {
	const inm = request.headers.get('if-none-match');
	if (inm !== null) {
		if (etag === undefined || etag === null) return false;
		if (inm.trim() === '*') return true;
		const strong = etag.replace(/^W\//, '');
		return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === strong);
	}
	const ims = request.headers.get('if-modified-since');
	if (ims === null || lastModified === undefined || lastModified === null) return false;
	return Date.parse(lastModified) <= Date.parse(ims);
}
