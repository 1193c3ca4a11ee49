/**
 * A small in-memory cache of rendered public responses. Pages are pure functions of (plan, URL,
 * locale, today), so once the plan's ETag is part of the key a cached body can never be stale:
 * an import changes the ETag and old entries simply stop being asked for and age out.
 */
export type CachedResponse = {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
};

export class ResponseCache {
	readonly #entries = new Map<string, CachedResponse>();
	readonly #maxEntries: number;
	readonly #maxBytes: number;
	#bytes = 0;

	constructor(maxEntries = 500, maxBytes = 32 * 1024 * 1024) {
		this.#maxEntries = maxEntries;
		this.#maxBytes = maxBytes;
	}

	get(key: string): CachedResponse | undefined {
		const hit = this.#entries.get(key);
		if (hit) {
			// Map order is insertion order: re-inserting keeps recently used entries at the end.
			this.#entries.delete(key);
			this.#entries.set(key, hit);
		}
		return hit;
	}

	set(key: string, value: CachedResponse): void {
		if (value.body.byteLength > this.#maxBytes / 4) return;
		const old = this.#entries.get(key);
		if (old) {
			this.#bytes -= old.body.byteLength;
			this.#entries.delete(key);
		}
		this.#entries.set(key, value);
		this.#bytes += value.body.byteLength;
		for (const [k, v] of this.#entries) {
			if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
			this.#entries.delete(k);
			this.#bytes -= v.body.byteLength;
		}
	}

	get size(): number {
		return this.#entries.size;
	}

	get bytes(): number {
		return this.#bytes;
	}
}

export function toResponse(c: CachedResponse, head: boolean): Response {
	const bodyless = head || c.status === 304 || c.status === 204;
	return new Response(bodyless ? null : c.body, { status: c.status, headers: c.headers });
}

export async function capture(response: Response): Promise<CachedResponse> {
	return {
		status: response.status,
		headers: [...response.headers],
		body: new Uint8Array(await response.arrayBuffer())
	};
}
