/**
 * The plan a write is changing, in memory: each entity list copied once, on its first write, and
 * looked up by id, so a batch of changes costs the lists it writes, not the whole plan per change.
 * Untouched lists stay the base's own arrays (===), so caches keyed by them survive an edit.
 */
import type { Entity, EntityList } from './plan-diff.ts';
import type { PlanFile } from './schema.ts';

/** Id -> position maps of lists nobody writes to, shared between writes (lists are immutable). */
const indexCache = new WeakMap<readonly Entity[], Map<string, number>>();

function indexOf(list: readonly Entity[]): Map<string, number> {
	let map = indexCache.get(list);
	if (!map) {
		map = new Map(list.map((e, i) => [e.id, i]));
		indexCache.set(list, map);
	}
	return map;
}

/**
 * A plan being changed: each list is copied once, on its first write, and looked up through an
 * id index, so a batch of N changes costs O(N + size of the lists it writes), not O(N × size).
 */
export class PlanDraft {
	readonly base: PlanFile;
	#lists = new Map<
		EntityList,
		{ arr: (Entity | null)[]; map: Map<string, number>; holes: number }
	>();

	constructor(base: PlanFile) {
		this.base = base;
	}

	#read(list: EntityList): readonly (Entity | null)[] {
		return this.#lists.get(list)?.arr ?? this.base[list];
	}

	#writable(list: EntityList) {
		let w = this.#lists.get(list);
		if (!w) {
			const arr = [...(this.base[list] as unknown as Entity[])];
			w = { arr, map: new Map(indexOf(this.base[list])), holes: 0 };
			this.#lists.set(list, w);
		}
		return w;
	}

	get(list: EntityList, id: unknown): Entity | null {
		if (typeof id !== 'string') return null;
		const w = this.#lists.get(list);
		const i = w ? w.map.get(id) : indexOf(this.base[list]).get(id);
		return i === undefined ? null : (this.#read(list)[i] ?? null);
	}

	has(list: EntityList, id: unknown): boolean {
		return this.get(list, id) !== null;
	}

	/** Every live entity of a list matching `hit` (a scan: for deletes and kind changes only). */
	filter<T = Entity>(list: EntityList, hit: (e: T) => boolean): T[] {
		const out: T[] = [];
		for (const e of this.#read(list)) if (e !== null && hit(e as T)) out.push(e as T);
		return out;
	}

	set(list: EntityList, e: Entity): void {
		const w = this.#writable(list);
		const i = w.map.get(e.id);
		if (i === undefined) {
			w.map.set(e.id, w.arr.length);
			w.arr.push(e);
		} else w.arr[i] = e;
	}

	remove(list: EntityList, id: string): void {
		const w = this.#writable(list);
		const i = w.map.get(id);
		if (i === undefined) return;
		w.arr[i] = null;
		w.map.delete(id);
		w.holes++;
	}

	/** The changed plan; lists nobody wrote to are the base's own arrays. */
	finish(): PlanFile {
		const next = { ...this.base } as Record<string, unknown>;
		for (const [list, w] of this.#lists) {
			next[list] = w.holes ? w.arr.filter((e) => e !== null) : w.arr;
		}
		return next as PlanFile;
	}
}
