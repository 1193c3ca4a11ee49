/**
 * Everything the server derives from one plan version, kept in one place: clashes per viewer and
 * locale (clashes.ts), the finder's preparation (find.ts), the feeds' history and generated
 * feeds (feeds.ts).
 *
 * Entries hang off the version's own objects: store.ts builds one snapshot per plan version, with
 * its indexes, and the write function is the only thing that makes a new version. So a write
 * invalidates everything derived from the version before it at once, with nothing to clear by
 * hand, and an old version's entries are collected with it (a WeakMap). Keys never name a
 * version, so an undo cannot bring back an answer computed for another one.
 *
 * Rendered pages and feeds as sent (the front cache, front-cache.ts) are keyed by the version's
 * ETag instead: start.js must find them synchronously, before SvelteKit, from the request alone.
 * The pure domain memoises inside its own functions on the same per-version objects
 * (domain/clash-cache.ts, the finder's commitments), so those follow the version the same way.
 */
import type { Actor } from '#lib/domain/actor.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import type { PlanSnapshot } from './store.ts';

/** One plan version, by any of the objects the store built for it. */
export type Version = PlanSnapshot | PlanIndex;

/** Most entries per version (viewers × locales, feed variants); past it the version starts over. */
const MAX_PER_VERSION = 2000;

const byVersion = new WeakMap<Version, Map<string, unknown>>();

function entries(version: Version): Map<string, unknown> {
	let map = byVersion.get(version);
	if (!map || map.size >= MAX_PER_VERSION)
		byVersion.set(version, (map = new Map<string, unknown>()));
	return map;
}

/** `compute()` once per plan version and key; later calls get the same value. */
export function derived<T>(version: Version, key: string, compute: () => T): T {
	const map = entries(version);
	if (map.has(key)) return map.get(key) as T;
	const value = compute();
	map.set(key, value);
	return value;
}

/** Drops one entry: a value found to mix two versions (see feeds.ts). */
export function forget(version: Version, key: string): void {
	byVersion.get(version)?.delete(key);
}

/**
 * What the first reads of a new version need, built before readers see it (see warm). A warmer
 * that yields is run a step at a time, the event loop turning between its steps.
 */
type Warmer = (snapshot: PlanSnapshot, writer: Actor) => Generator<unknown, void> | void;
const warmers: Warmer[] = [];

/**
 * Has `build` run on each new version a big write makes (store.ts publish), before readers see
 * it. For what nearly every request of a version needs (the clashes the home page counts): built
 * there, the first reader finds it done instead of waiting for it.
 */
export function warmEachVersion(build: Warmer): void {
	warmers.push(build);
}

/**
 * Runs the warmers on `snapshot`, which `writer` just wrote (their own next page is read first),
 * awaiting `between()` (a turn of the event loop) between steps.
 */
export async function warm(
	snapshot: PlanSnapshot,
	writer: Actor,
	between: () => Promise<void>
): Promise<void> {
	for (const build of warmers) {
		await between();
		const steps = build(snapshot, writer);
		while (steps && !steps.next().done) await between();
	}
}
