/**
 * Clash lists in pages: `?limit=` (default 200, at most 1,000) and `?cursor=` (where the last page
 * ended). A cursor names a place in the clash order (kind, severity, first day, id), not an
 * offset, so it stays meaningful when the plan changes between two pages: the next page starts
 * after that place, whatever was added or resolved before it.
 */
import { clashSortKey, type Clash } from './clashes.ts';
import type { PlanIndex } from './plan-index.ts';

export const DEFAULT_PAGE_LIMIT = 200;
export const MAX_PAGE_LIMIT = 1000;

export type PageQuery = { limit: number; after: string | null };

export type ClashPage = {
	clashes: Clash[];
	/** Clashes in the whole (filtered) list. */
	total: number;
	/** The position of the page's first clash in the list, from 0. */
	start: number;
	/** Where the next page starts, or null when this one is the last. */
	nextCursor: string | null;
};

/** A sort key as the cursor: base64url, so it travels in a URL unescaped. */
export function encodeCursor(sortKey: string): string {
	return btoa(sortKey).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** One letter for kind and severity, a day, a space, then the clash id (see clashSortKey). */
const SORT_KEY = /^[A-Z]\d{4}-\d{2}-\d{2} [!-~]{1,600}$/;

function decodeCursor(cursor: string): string | null {
	if (!/^[A-Za-z0-9_-]{1,900}$/.test(cursor)) return null;
	let key: string;
	try {
		key = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
	} catch {
		return null;
	}
	return SORT_KEY.test(key) ? key : null;
}

/** `?limit=` and `?cursor=`, or the sentence that says what is wrong with them. */
export function parsePageQuery(
	params: URLSearchParams
): { ok: true; query: PageQuery } | { ok: false; error: string } {
	const rawLimit = params.get('limit');
	let limit = DEFAULT_PAGE_LIMIT;
	if (rawLimit !== null && rawLimit !== '') {
		limit = /^\d{1,7}$/.test(rawLimit) ? Number(rawLimit) : NaN;
		if (!(limit >= 1 && limit <= MAX_PAGE_LIMIT))
			return {
				ok: false,
				error: `?limit=${rawLimit.slice(0, 20)} is not a whole number from 1 to ${MAX_PAGE_LIMIT}.`
			};
	}
	const rawCursor = params.get('cursor');
	if (rawCursor === null || rawCursor === '') return { ok: true, query: { limit, after: null } };
	const after = decodeCursor(rawCursor);
	if (after === null)
		return {
			ok: false,
			error: `?cursor=${rawCursor.slice(0, 20)}… is not a cursor from this list: start again without it.`
		};
	return { ok: true, query: { limit, after } };
}

/** The page of `clashes` (in findClashes order) that `query` asks for. */
export function clashPage(
	index: PlanIndex,
	clashes: readonly Clash[],
	query: PageQuery
): ClashPage {
	// Binary search for the first clash after the cursor's place.
	let lo = 0;
	if (query.after !== null) {
		let hi = clashes.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (clashSortKey(index, clashes[mid]!) <= query.after) lo = mid + 1;
			else hi = mid;
		}
	}
	const page = clashes.slice(lo, lo + query.limit);
	const last = page[page.length - 1];
	const more = lo + page.length < clashes.length;
	return {
		clashes: page,
		total: clashes.length,
		start: lo,
		nextCursor: more && last ? encodeCursor(clashSortKey(index, last)) : null
	};
}
