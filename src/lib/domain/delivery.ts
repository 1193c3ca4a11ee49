/**
 * Who is behind: from each member's last feed fetch and the changes recorded since, which
 * calendars hold the current plan and what the others still show, in sentences. Pure: the
 * clock, the locale and every record are arguments.
 */
import type { ChangeRecord } from './changes.ts';
import { formatBounds, resolve } from './dates.ts';
import type { Item } from './schema.ts';
import { CLIENT_LABEL, type ClientFamily } from './user-agent.ts';

export type LastFetch = {
	at: string;
	client: ClientFamily;
	/** 200 or 304. */
	status: number;
	/** The feed's ETag the calendar holds. */
	version: string;
};

/** One change a calendar has not seen, in a sentence. */
export type Behind = { item: string; title: string; change: string; at: string };

export type PersonDelivery = {
	person: string;
	name: string;
	/** Whether the person has a feed address at all. */
	subscribed: boolean;
	lastFetch: string | null;
	client: ClientFamily | null;
	version: string | null;
	/** Null when the calendar never fetched; true when no change came after its last fetch. */
	current: boolean | null;
	behind: Behind[];
	/** Changes beyond `behind` (the list is capped). */
	moreBehind: number;
	sentence: string;
};

export type DeliveryInput = {
	people: readonly { id: string; name: string }[];
	/** Person ids with a feed token. */
	subscribed: ReadonlySet<string>;
	lastFetches: ReadonlyMap<string, LastFetch>;
	/**
	 * Item-related history entries (items, assignments, imports), oldest first, covering at least
	 * everything after the oldest last fetch.
	 */
	changes: readonly ChangeRecord[];
	/** The current items (live ones only); an item missing here was removed. */
	items: ReadonlyMap<string, Item>;
	/** Titles of items no longer in the plan, from the history or the item table. */
	removedTitles?: ReadonlyMap<string, string>;
	nowMillis: number;
	locale?: string;
	/** At most this many changes listed per person. */
	maxBehind?: number;
};

/** "7 h ago", "3 min ago", "2 days ago", "just now". */
export function ago(atIso: string, nowMillis: number): string {
	const ms = Math.max(0, nowMillis - Date.parse(atIso));
	const min = Math.floor(ms / 60_000);
	if (min < 1) return 'just now';
	if (min < 60) return `${min} min ago`;
	const h = Math.floor(min / 60);
	if (h < 48) return `${h} h ago`;
	return `${Math.floor(h / 24)} days ago`;
}

const asItem = (v: unknown): Item | null =>
	v !== null && typeof v === 'object' && typeof (v as Item).id === 'string' ? (v as Item) : null;

/** The item ids a history entry is about (an import touches many). */
export function itemsOf(c: ChangeRecord): string[] {
	if (c.entity === 'item') return [c.entityId];
	if (c.entity === 'plan') {
		const s = (c.after ?? {}) as Record<string, unknown>;
		return ['added', 'changed', 'removed'].flatMap((k) =>
			Array.isArray(s[k])
				? (s[k] as unknown[]).filter((x): x is string => typeof x === 'string')
				: []
		);
	}
	for (const v of [c.after, c.before]) {
		const r = (v ?? {}) as Record<string, unknown>;
		if (typeof r.item === 'string') return [r.item];
		if (typeof r.to === 'string') return [r.to];
	}
	return [];
}

/**
 * The item as it was before `c`: an item change keeps it whole; a plan import keeps the items it
 * changed or removed (up to a cap) under `before.items`.
 */
export function beforeOf(c: ChangeRecord, itemId: string): Item | null {
	if (c.entity === 'item') return asItem(c.before);
	if (c.entity !== 'plan' || c.before === null || typeof c.before !== 'object') return null;
	const items = (c.before as { items?: unknown }).items;
	if (items === null || typeof items !== 'object') return null;
	return asItem((items as Record<string, unknown>)[itemId]);
}

function days(item: Item, locale: string): string {
	return formatBounds(resolve(item.when), locale);
}

/**
 * What a calendar that last saw the plan before `first` still shows of `itemId`, against the
 * plan now: "it still shows the Riyadh meeting on 25–28 Feb 2024 (now 4–5 Mar 2024)".
 */
export function changeSentence(
	first: ChangeRecord,
	now: Item | undefined,
	before: Item | null,
	title: string,
	locale: string
): string {
	const name = `“${title}”`;
	const created =
		(first.entity === 'item' && first.action === 'create') ||
		(first.entity === 'plan' && importAdded(first, now?.id));
	if (created && before === null) {
		return now ? `it does not have ${name} yet (added ${days(now, locale)})` : `—`;
	}
	if (!now) {
		return before
			? `it still shows ${name} on ${days(before, locale)}, which was removed from the plan`
			: `it still shows ${name}, which was removed from the plan`;
	}
	if (before) {
		const then = days(before, locale);
		const nowDays = days(now, locale);
		if (then !== nowDays) return `it still shows ${name} on ${then} (now ${nowDays})`;
		if (before.status !== now.status) {
			return `it still shows ${name} as ${before.status ?? 'planned'} (now ${now.status ?? 'planned'})`;
		}
		if (before.title !== now.title) return `it still shows “${before.title}” (now ${name})`;
		return `it shows an older version of ${name}`;
	}
	if (first.entity === 'assignment') return `it does not show who is on ${name} now`;
	if (first.entity === 'plan') return `it shows ${name} as it was before a plan import changed it`;
	return `it shows an older version of ${name}`;
}

/** Whether a plan import added the item (its history entry lists it under `added`). */
function importAdded(c: ChangeRecord, id: string | undefined): boolean {
	const added = ((c.after ?? {}) as { added?: unknown }).added;
	return id !== undefined && Array.isArray(added) && added.includes(id);
}

/** A person whose calendar never fetched their feed: whether they have an address at all. */
function neverFetched(p: { id: string; name: string }, subscribed: boolean): PersonDelivery {
	return {
		person: p.id,
		name: p.name,
		subscribed,
		lastFetch: null,
		client: null,
		version: null,
		current: null,
		behind: [],
		moreBehind: 0,
		sentence: subscribed
			? `${p.name} has a calendar address, but no calendar has fetched it yet.`
			: `${p.name} has not subscribed a calendar.`
	};
}

/** Every item changed after a fetch, once each, with what the calendar still shows of it. */
function behindSince(input: DeliveryInput, fetchedAt: string, locale: string): Behind[] {
	// The first change after the fetch tells what the calendar still holds of each item.
	const firstAfter = new Map<string, ChangeRecord>();
	const lastAt = new Map<string, string>();
	for (const c of input.changes) {
		if (c.at <= fetchedAt) continue;
		for (const id of itemsOf(c)) {
			if (!firstAfter.has(id)) firstAfter.set(id, c);
			lastAt.set(id, c.at);
		}
	}
	const all: Behind[] = [];
	for (const [id, first] of firstAfter) {
		const now = input.items.get(id);
		const before = beforeOf(first, id);
		// Added and removed again since the fetch: the calendar never had it, nothing to say.
		if (!now && !before && first.action === 'create') continue;
		const title = now?.title ?? before?.title ?? input.removedTitles?.get(id) ?? id;
		all.push({
			item: id,
			title,
			change: changeSentence(first, now, before, title, locale),
			at: lastAt.get(id) ?? first.at
		});
	}
	return all;
}

/** One row per person, in the order given: their calendar's state and what it still lacks. */
export function deliveryReport(input: DeliveryInput): PersonDelivery[] {
	const locale = input.locale ?? 'en-GB';
	const cap = input.maxBehind ?? 20;
	return input.people.map((p) => {
		const last = input.lastFetches.get(p.id) ?? null;
		const subscribed = input.subscribed.has(p.id) || last !== null;
		if (last === null) return neverFetched(p, subscribed);
		const all = behindSince(input, last.at, locale);
		const behind = all.slice(0, cap);
		const whose = `${p.name}'s ${CLIENT_LABEL[last.client]} calendar`.replace(' other ', ' ');
		const when = `last fetched ${ago(last.at, input.nowMillis)}`;
		const sentence =
			all.length === 0
				? `${whose} ${when} and has the current plan.`
				: `${whose} ${when}: ${behind[0]?.change ?? ''}${all.length > 1 ? `, and ${all.length - 1} more change${all.length > 2 ? 's' : ''}` : ''}.`;
		return {
			person: p.id,
			name: p.name,
			subscribed,
			lastFetch: last.at,
			client: last.client,
			version: last.version,
			current: all.length === 0,
			behind,
			moreBehind: all.length - behind.length,
			sentence
		};
	});
}

/**
 * The change a notice announces, in one sentence: "“Riyadh meeting” moved to 4–5 Mar 2024 (was
 * 25–28 Feb 2024)." `before` is the item before its last change (null when it is new or the
 * history does not say), `now` the item as it is (null when removed).
 */
export function noticeSentence(
	before: Item | null,
	now: Item | null,
	title: string,
	locale = 'en-GB'
): string {
	const name = `“${title}”`;
	if (!now) {
		return before
			? `${name} (${days(before, locale)}) was removed from the plan.`
			: `${name} was removed from the plan.`;
	}
	const nowDays = days(now, locale);
	if (!before) return `${name} is on ${nowDays}.`;
	const then = days(before, locale);
	if (then !== nowDays) return `${name} moved to ${nowDays} (was ${then}).`;
	if (before.status !== now.status) {
		return `${name} on ${nowDays} is now ${now.status ?? 'planned'} (was ${before.status ?? 'planned'}).`;
	}
	return `${name} on ${nowDays} changed.`;
}
