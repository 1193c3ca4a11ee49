/**
 * Export of the drawn Gantt as a standalone SVG (and from it a PNG), in the browser. The page
 * draws the chart in pieces (sticky axis, sticky HTML row labels, the chart body) and styles it
 * with CSS variables; an exported file must stand alone, so the pieces are put side by side in
 * one <svg> and every element gets its computed colours and fonts inline.
 */

/** The presentation properties the Gantt's stylesheet sets. */
const STYLE_PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'text-decoration',
	'paint-order',
	'stroke-linejoin'
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Title line, then the legend line, above the axis. */
const HEAD = 56;

export type LegendEntry = { id: string; label: string };

/**
 * The light theme's design tokens (the top-level `:root` rule's custom properties). An exported
 * file goes into slides and documents: it is always light, whatever the viewer's theme.
 */
function lightTokens(): Map<string, string> {
	const tokens = new Map<string, string>();
	for (const sheet of document.styleSheets) {
		let rules: CSSRuleList;
		try {
			rules = sheet.cssRules;
		} catch {
			continue; // another origin's sheet: not ours
		}
		for (const rule of rules) {
			if (!(rule instanceof CSSStyleRule) || rule.selectorText !== ':root') continue;
			for (const name of rule.style) {
				if (name.startsWith('--')) tokens.set(name, rule.style.getPropertyValue(name).trim());
			}
		}
	}
	return tokens;
}

/** Runs `fn` with the light tokens set on `root` (inherited by the whole chart), then undoes it. */
function inLightTheme<T>(root: HTMLElement, fn: () => T): T {
	const tokens = lightTokens();
	const before = [...tokens.keys()].map((k) => [k, root.style.getPropertyValue(k)] as const);
	for (const [k, v] of tokens) root.style.setProperty(k, v);
	root.style.setProperty('color-scheme', 'light');
	try {
		return fn();
	} finally {
		for (const [k, v] of before) {
			if (v) root.style.setProperty(k, v);
			else root.style.removeProperty(k);
		}
		root.style.removeProperty('color-scheme');
	}
}

function inlineStyles(source: Element, copy: Element): void {
	const from = [source, ...source.querySelectorAll('*')];
	const to = [copy, ...copy.querySelectorAll('*')];
	from.forEach((el, i) => {
		const target = to[i];
		if (!target) return;
		const cs = getComputedStyle(el);
		const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
		target.setAttribute('style', style);
		target.removeAttribute('class');
		if (target.hasAttribute('href')) {
			target.setAttribute('href', new URL(target.getAttribute('href') ?? '', location.href).href);
		}
	});
}

function escapeXml(text: string): string {
	return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type ExportedSvg = { text: string; width: number; height: number };

/**
 * One self-contained SVG document of the chart under `root`: a title line (plan and "as of"
 * date), a legend of the kinds and marks, and the chart, always in the light theme.
 */
export function standaloneSvg(
	root: HTMLElement,
	heading: string,
	legend: LegendEntry[] = []
): ExportedSvg {
	return inLightTheme(root, () => draw(root, heading, legend));
}

function draw(root: HTMLElement, heading: string, legend: LegendEntry[]): ExportedSvg {
	const axis = root.querySelector<SVGSVGElement>('svg.axis');
	const chart = root.querySelector<SVGSVGElement>('svg.chart');
	if (!axis || !chart) throw new Error('the Gantt is not on the page');
	const labelW = Math.round(root.querySelector('.labels')?.getBoundingClientRect().width ?? 200);
	const axisH = Number(axis.getAttribute('height'));
	const chartW = Number(chart.getAttribute('width'));
	const chartH = Number(chart.getAttribute('height'));
	const width = Math.max(labelW + chartW, 640);
	const height = HEAD + axisH + chartH;
	const page = getComputedStyle(root);
	const text = page.getPropertyValue('color');
	const font = page.getPropertyValue('font-family');
	const bg = getComputedStyle(root.querySelector('.scroller') ?? root).backgroundColor;

	const out = document.createElementNS(SVG_NS, 'svg');
	out.setAttribute('xmlns', SVG_NS);
	out.setAttribute('width', String(width));
	out.setAttribute('height', String(height));
	out.setAttribute('viewBox', `0 0 ${width} ${height}`);
	out.innerHTML =
		`<rect width="${width}" height="${height}" fill="${bg}"/>` +
		`<text x="8" y="20" style="font-family:${escapeXml(font)};font-size:14px;font-weight:700;fill:${text}">${escapeXml(heading)}</text>` +
		legendMarkup(root, legend, text, font) +
		laneLabelMarkup(root, HEAD + axisH, text, font);
	for (const [piece, y] of [
		[axis, HEAD],
		[chart, HEAD + axisH]
	] as const) {
		const copy = piece.cloneNode(true) as SVGSVGElement;
		inlineStyles(piece, copy);
		copy.setAttribute('x', String(labelW));
		copy.setAttribute('y', String(y));
		out.appendChild(copy);
	}
	return { text: new XMLSerializer().serializeToString(out), width, height };
}

/** The legend: a swatch per kind in its token colour, then the marks that are not colours. */
function legendMarkup(root: HTMLElement, legend: LegendEntry[], text: string, font: string) {
	const rs = getComputedStyle(root);
	let x = 8;
	let body = '';
	const marks: [string, string][] = [
		...legend.map((l): [string, string] => [
			`<rect x="${x}" y="34" width="18" height="10" rx="2" fill="${rs.getPropertyValue(`--kind-${l.id}`).trim()}"/>`,
			l.label
		]),
		[
			`<rect x="${x}" y="34" width="18" height="10" fill="none" stroke="${rs.getPropertyValue('--muted').trim()}" stroke-dasharray="3 2"/>`,
			'dashed: date not fixed'
		]
	];
	for (const [swatch, label] of marks) {
		const w = 26 + label.length * 6.2 + 14;
		body += swatch.replace(/x="\d+(\.\d+)?"/, `x="${x}"`);
		body += `<text x="${x + 24}" y="43" style="font-family:${escapeXml(font)};font-size:11px;fill:${text}">${escapeXml(label)}</text>`;
		x += w;
	}
	return body;
}

/** The lane names beside the chart, `top` being where the chart's rows start. */
function laneLabelMarkup(root: HTMLElement, top: number, text: string, font: string) {
	let body = '';
	for (const el of root.querySelectorAll<HTMLElement>('.lane-label')) {
		// A lane name is wrapped into lines (<br>), as on the page: one <text> per line.
		const lines = el.innerText
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		const weight = el.querySelector('.section') ? 700 : 400;
		lines.forEach((line, i) => {
			const y = top + el.offsetTop + 16 + i * 15;
			body += `<text x="8" y="${y}" style="font-family:${escapeXml(font)};font-size:12px;font-weight:${weight};fill:${text}">${escapeXml(line)}</text>`;
		});
	}
	return body;
}

/** Renders the SVG to a PNG at `scale` times its size. */
export async function svgToPng(svg: ExportedSvg, scale = 2): Promise<Blob> {
	const img = new Image();
	img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
	await img.decode();
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(svg.width * scale);
	canvas.height = Math.round(svg.height * scale);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2D canvas');
	ctx.scale(scale, scale);
	ctx.drawImage(img, 0, 0, svg.width, svg.height);
	return new Promise((resolve, reject) =>
		canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png')
	);
}

/** Saves a blob as a file through a temporary download link. */
export function download(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
