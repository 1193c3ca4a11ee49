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

const jsonAnswer = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' }
	});

/** The body as text, or the 413 (JSON, saying the limit) to answer a body over `limit` with. */
export async function textOr413(request: Request, limit: number): Promise<string | Response> {
	try {
		return await readTextLimited(request, limit);
	} catch (e) {
		if (e instanceof BodyTooLarge) return jsonAnswer(413, { error: e.message });
		throw e;
	}
}

/**
 * A JSON body of at most `limit` bytes, parsed by `schema`; or the answer to send instead (413
 * too large, 400 not JSON or not of the schema, with each problem's path).
 */
export async function readJsonBody<T>(
	request: Request,
	schema: {
		safeParse(
			v: unknown
		):
			| { success: true; data: T }
			| { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
	},
	limit: number
): Promise<T | Response> {
	const text = await textOr413(request, limit);
	if (text instanceof Response) return text;
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return jsonAnswer(400, { error: 'The body is not JSON.' });
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		return jsonAnswer(400, {
			error: 'The body is not of the expected shape; nothing was saved.',
			issues: parsed.error.issues.map((i) => ({
				field:
					i.path
						.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
						.join('')
						.replace(/^\./, '') || '(body)',
				message: i.message
			}))
		});
	}
	return parsed.data;
}
