/** Reads a request body as text, refusing more than `limit` bytes without buffering it all. */
export class BodyTooLarge extends Error {
	readonly limit: number;
	constructor(limit: number) {
		super(`The request body is larger than ${Math.round(limit / 1024)} KiB.`);
		this.limit = limit;
	}
}

export async function readTextLimited(request: Request, limit: number): Promise<string> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) throw new BodyTooLarge(limit);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw new BodyTooLarge(limit);
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}
