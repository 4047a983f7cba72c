/**
 * The company's logo for the PDF, taken from public/icon.svg: its shapes as SVG path data that pdf-lib's
 * drawSvgPath draws as vectors. Handles what the icon uses (rect with rx, path, circle; fill, stroke,
 * stroke-width, stroke-linecap as attributes); an unfilled path with no stroke is not drawn.
 */

export type LogoShape = {
  d: string;
  fill: string | null;
  stroke: string | null;
  strokeWidth: number;
  roundCap: boolean;
};

export type Logo = { width: number; height: number; shapes: LogoShape[] };

const ELEMENT = /<(rect|path|circle)\b([^>]*?)\/?>/g;
const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"/g;

function attributes(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(ATTRIBUTE)].map((m) => [m[1], m[2]]));
}

const num = (v: string | undefined, fallback = 0) => (v === undefined ? fallback : Number(v));
const paint = (v: string | undefined) => (v && v !== "none" ? v : null);

function rectPath(a: Record<string, string>): string {
  const [x, y, w, h] = [num(a.x), num(a.y), num(a.width), num(a.height)];
  const r = Math.min(num(a.rx, num(a.ry)), w / 2, h / 2);
  if (r <= 0) return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
  const arc = (dx: number, dy: number) => `a${r} ${r} 0 0 1 ${dx} ${dy}`;
  return (
    `M${x + r} ${y}H${x + w - r}${arc(r, r)}V${y + h - r}${arc(-r, r)}` +
    `H${x + r}${arc(-r, -r)}V${y + r}${arc(r, -r)}Z`
  );
}

function circlePath(a: Record<string, string>): string {
  const [cx, cy, r] = [num(a.cx), num(a.cy), num(a.r)];
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
}

/** The drawable shapes of an SVG document, in document order, and its viewBox size. */
export function parseSvgLogo(svg: string): Logo {
  const root = attributes(svg.match(/<svg\b([^>]*)>/)?.[1] ?? "");
  const [, , vbWidth, vbHeight] = (root.viewBox ?? "").split(/[\s,]+/).map(Number);
  const shapes: LogoShape[] = [];
  for (const [, tag, attrText] of svg.matchAll(ELEMENT)) {
    const a = attributes(attrText);
    const d = tag === "rect" ? rectPath(a) : tag === "circle" ? circlePath(a) : (a.d ?? "");
    const fill = tag === "path" ? paint(a.fill) : paint(a.fill ?? "#000");
    const stroke = paint(a.stroke);
    if (!d || (!fill && !stroke)) continue;
    shapes.push({
      d,
      fill,
      stroke,
      strokeWidth: num(a["stroke-width"], 1),
      roundCap: a["stroke-linecap"] === "round",
    });
  }
  return { width: vbWidth || num(root.width, 32), height: vbHeight || num(root.height, 32), shapes };
}
