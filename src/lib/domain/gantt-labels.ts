/**
 * The Gantt's labels, without a browser: estimated text widths (so labels can be placed and lanes
 * sized on the server), cutting and wrapping text to a width, and placing each bar's label beside
 * it (right, left or on the bar) so no label overlaps another label or bar, packing bars into as
 * few lanes as that allows. Pure numbers in, numbers out.
 */

/**
 * Advance widths in em of the app's sans-serif (system-ui: Noto Sans / DejaVu Sans on Linux,
 * Segoe UI, San Francisco), rounded up to the widest of them so an estimate errs on the long
 * side: a label given the room it was estimated to need never runs into its neighbour.
 */
function charEm(c: string): number {
	if (" .,:;!|'`ijlI()[]".includes(c)) return 0.34;
	if ('frt-/·'.includes(c)) return 0.44;
	if ('mwMW'.includes(c)) return 0.94;
	if (c >= 'A' && c <= 'Z') return 0.74;
	if (c >= '0' && c <= '9') return 0.64;
	if (c.charCodeAt(0) > 0x2000) return 1; // ⚠, –, …: symbols and wide punctuation
	return 0.62;
}

/** charEm for ASCII, looked up: a layout measures every title and second line. */
const ASCII_EM = Array.from({ length: 128 }, (_, i) => charEm(String.fromCharCode(i)));

/** Estimated width in px of `text` set at `px` (bold text is ~7% wider). */
export function textWidth(text: string, px: number, bold = false): number {
	let em = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		em += code < 128 ? ASCII_EM[code]! : charEm(text.charAt(i));
	}
	return Math.ceil(em * px * (bold ? 1.07 : 1));
}

/** `text`, cut with an ellipsis to fit `maxW` px ("" when not even "x…" fits). */
export function fitText(text: string, maxW: number, px: number, bold = false): string {
	if (textWidth(text, px, bold) <= maxW) return text;
	const chars = [...text];
	let lo = 0;
	let hi = chars.length;
	// The longest prefix whose "prefix…" fits: binary search, widths grow with length.
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (textWidth(`${chars.slice(0, mid).join('').trimEnd()}…`, px, bold) <= maxW) lo = mid;
		else hi = mid - 1;
	}
	return lo < 1 ? '' : `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/**
 * Word-wraps `text` into lines of at most `maxW` px (a word longer than a line is broken), so a
 * lane name is shown whole on as many lines as it needs; every character is kept, in order.
 */
export function wrapText(text: string, maxW: number, px: number, bold = false): string[] {
	const lines: string[] = [];
	let line = '';
	// A hyphenated word may break after its hyphen ("Rights-" / "respecting").
	const words = text.split(/\s+/).filter(Boolean);
	const parts = words.flatMap((w) => w.split(/(?<=-)(?=.)/).map((p, i) => ({ p, glued: i > 0 })));
	for (const { p: word, glued } of parts) {
		const candidate = line ? `${line}${glued ? '' : ' '}${word}` : word;
		if (textWidth(candidate, px, bold) <= maxW) {
			line = candidate;
			continue;
		}
		if (line) lines.push(line);
		line = word;
		// A word wider than the line: break it wherever it runs out of room.
		while (textWidth(line, px, bold) > maxW && line.length > 1) {
			let cut = line.length - 1;
			while (cut > 1 && textWidth(line.slice(0, cut), px, bold) > maxW) cut--;
			lines.push(line.slice(0, cut));
			line = line.slice(cut);
		}
	}
	if (line) lines.push(line);
	return lines;
}

// ---------------------------------------------------------------------------------------------
// Labels and lanes

/** What a bar needs: its drawn extent, its solid part (where a title can sit) and its label. */
export type LabelRequest = {
	/** Left and right edge of the drawn bar (a milestone's diamond included). */
	x0: number;
	x1: number;
	/** The solid part a label may sit inside, or null (hatched, diamond). */
	solid: { x0: number; x1: number } | null;
	/** Estimated width of the label (the wider of its two lines). */
	labelW: number;
};

export type LabelPlacement = {
	lane: number;
	/** Inside the solid bar, right of it, or left of it (text anchored at its end). */
	side: 'inside' | 'right' | 'left';
	/** Where the text starts (`inside`, `right`) or ends (`left`). */
	labelX: number;
	/** Width the label may take: `labelW`, or less where the chart truly has no room. */
	room: number;
	/** Everything this bar takes in its lane, bar and label: [x0, x1]. */
	box: [number, number];
};

export const LABEL = {
	/** Space between a bar and the label beside it. */
	gap: 6,
	/** Text inset inside a bar, each side. */
	inset: 6,
	/** Free space kept between the boxes of neighbours on a lane (arrows run through it). */
	between: 10,
	/**
	 * Labels keep this far from the chart's edges: the outermost columns stay free on every lane,
	 * so an arrow can always cross lanes there when nothing nearer is free.
	 */
	edge: 4
} as const;

/** The x range a label takes, given where it was placed. */
export function labelRange(p: LabelPlacement): [number, number] {
	return p.side === 'left' ? [p.labelX - p.room, p.labelX] : [p.labelX, p.labelX + p.room];
}

/**
 * Where a bar's label may go, in the order tried: inside the solid bar, right of it, left of it;
 * when none has room for the whole label, the one place with the most room, cut to fit.
 */
function labelOptions(b: LabelRequest, width: number): Omit<LabelPlacement, 'lane'>[] {
	const w = b.labelW;
	const options: Omit<LabelPlacement, 'lane'>[] = [];
	if (b.solid && b.solid.x1 - b.solid.x0 >= w + 2 * LABEL.inset) {
		options.push({
			side: 'inside',
			labelX: b.solid.x0 + LABEL.inset,
			room: w,
			box: [b.x0, b.x1]
		});
	}
	const rightX = b.x1 + LABEL.gap;
	const leftX = b.x0 - LABEL.gap;
	const maxX = width - LABEL.edge;
	if (rightX + w <= maxX) {
		options.push({ side: 'right', labelX: rightX, room: w, box: [b.x0, rightX + w] });
	}
	if (leftX - w >= LABEL.edge) {
		options.push({ side: 'left', labelX: leftX, room: w, box: [leftX - w, b.x1] });
	}
	if (options.length === 0) {
		// The chart is too narrow for the whole label anywhere: wherever it has the most room
		// (inside a long bar, or the wider side), cut to fit.
		const roomRight = Math.max(maxX - rightX, 0);
		const roomLeft = Math.max(leftX - LABEL.edge, 0);
		const roomInside = b.solid ? Math.max(b.solid.x1 - b.solid.x0 - 2 * LABEL.inset, 0) : 0;
		const most = Math.max(roomRight, roomLeft, roomInside);
		options.push(
			most === roomInside && b.solid
				? { side: 'inside', labelX: b.solid.x0 + LABEL.inset, room: most, box: [b.x0, b.x1] }
				: roomRight >= roomLeft
					? { side: 'right', labelX: rightX, room: most, box: [b.x0, rightX + most] }
					: { side: 'left', labelX: leftX, room: most, box: [leftX - most, b.x1] }
		);
	}
	return options;
}

/**
 * Places each bar on a lane together with its label, so no label overlaps another label or bar:
 * the label goes inside the bar when it fits there, else right of the bar, else left of it (near
 * the chart's end), on the first lane with free space for bar and label together; a new lane
 * otherwise. A label is shortened only when the chart itself is too narrow for it on either side.
 * Bars are taken left to right; `width` is the chart's drawable width. Returns placements in input
 * order and the number of lanes.
 */
export function placeLabels(
	bars: readonly LabelRequest[],
	width: number
): { placements: LabelPlacement[]; lanes: number } {
	const order = bars
		.map((_, i) => i)
		.sort((a, b) => bars[a]!.x0 - bars[b]!.x0 || bars[a]!.x1 - bars[b]!.x1 || a - b);
	const lanes: [number, number][][] = [];
	const placements = new Array<LabelPlacement>(bars.length);
	const free = (lane: [number, number][], [x0, x1]: [number, number]) =>
		lane.every(([a0, a1]) => a1 + LABEL.between <= x0 || x1 + LABEL.between <= a0);
	for (const i of order) {
		const b = bars[i]!;
		const options = labelOptions(b, width);
		let placed: LabelPlacement | null = null;
		for (let l = 0; l < lanes.length && !placed; l++) {
			const option = options.find((o) => free(lanes[l]!, o.box));
			if (option) placed = { ...option, lane: l };
		}
		if (!placed) {
			lanes.push([]);
			placed = { ...options[0]!, lane: lanes.length - 1 };
		}
		lanes[placed.lane]!.push(placed.box);
		placements[i] = placed;
	}
	return { placements, lanes: lanes.length };
}

// ---------------------------------------------------------------------------------------------
// Dependency arrows
