/**
 * Where JSON text stops being valid, for the import's error message ("line 2, column 11"). V8
 * names the position for some syntax errors but not for an unexpected token, so we find it
 * ourselves with a strict recursive-descent scan; only called after JSON.parse has failed.
 */

/**
 * The UTF-16 offset (like V8's "position") where `text` stops being valid JSON, or -1 when it
 * is valid (or nested too deeply to scan).
 */
export function jsonErrorOffset(text: string): number {
	const scan = new JsonScan(text);
	try {
		scan.document();
		return -1;
	} catch (e) {
		if (e instanceof JsonSyntaxAt) return e.offset;
		// Nesting deep enough to overflow the stack: say nothing rather than guess.
		if (e instanceof RangeError) return -1;
		throw e;
	}
}

/** Thrown inside the scan to unwind to its entry point with the failing offset. */
class JsonSyntaxAt extends Error {
	readonly offset: number;
	constructor(offset: number) {
		super(`invalid JSON at ${offset}`);
		this.offset = offset;
	}
}

/** One pass over the text, one method per piece of the JSON grammar; `i` is where it stands. */
class JsonScan {
	readonly text: string;
	i = 0;

	constructor(text: string) {
		this.text = text;
	}

	/** A whole document: one value, then nothing but white space. */
	document(): void {
		this.value();
		this.space();
		if (this.i < this.text.length) this.fail();
	}

	fail(): never {
		throw new JsonSyntaxAt(this.i);
	}

	at(k = 0): string {
		return this.text.charAt(this.i + k);
	}

	space(): void {
		while (this.i < this.text.length && ' \t\n\r'.includes(this.at())) this.i++;
	}

	expect(char: string): void {
		if (this.at() !== char) this.fail();
		this.i++;
	}

	word(w: string): void {
		for (const c of w) this.expect(c);
	}

	isDigit(): boolean {
		const c = this.at();
		return c >= '0' && c <= '9';
	}

	digits(): void {
		if (!this.isDigit()) this.fail();
		while (this.isDigit()) this.i++;
	}

	/** Character by character, so a malformed number fails where V8 says it does. */
	number(): void {
		if (this.at() === '-') this.i++;
		if (this.at() === '0') this.i++;
		else this.digits();
		if (this.at() === '.') {
			this.i++;
			this.digits();
		}
		if (this.at() === 'e' || this.at() === 'E') {
			this.i++;
			if (this.at() === '+' || this.at() === '-') this.i++;
			this.digits();
		}
	}

	string(): void {
		this.expect('"');
		for (;;) {
			if (this.i >= this.text.length) this.fail();
			const c = this.at();
			if (c === '"') return void this.i++;
			if (c < ' ') this.fail();
			this.i++;
			if (c === '\\') this.escape();
		}
	}

	/** What follows a backslash inside a string (the backslash already passed). */
	escape(): void {
		const e = this.at();
		if (e === 'u') {
			for (let k = 1; k <= 4; k++) {
				if (!/[0-9a-fA-F]/.test(this.at(k))) {
					this.i += k;
					this.fail();
				}
			}
			this.i += 5;
		} else if (e !== '' && '"\\/bfnrt'.includes(e)) this.i++;
		else this.fail();
	}

	list(open: string, close: string, member: () => void): void {
		this.expect(open);
		this.space();
		if (this.at() === close) return void this.i++;
		for (;;) {
			member();
			this.space();
			if (this.at() === close) return void this.i++;
			this.expect(',');
		}
	}

	member = (): void => {
		this.space();
		this.string();
		this.space();
		this.expect(':');
		this.value();
	};

	value = (): void => {
		this.space();
		const c = this.at();
		if (c === '{') this.list('{', '}', this.member);
		else if (c === '[') this.list('[', ']', this.value);
		else if (c === '"') this.string();
		else if (c === 't') this.word('true');
		else if (c === 'f') this.word('false');
		else if (c === 'n') this.word('null');
		else this.number();
	};
}
