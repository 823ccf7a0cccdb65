// Number, amount, date and duration formatting. Pure; dates in the
// visitor's local time zone unless a zone is given (tests pin one).

export const DAY = 86_400;
export const WEI = 10n ** 18n;

/** Groups the integer part with thousands separators. */
function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** FLT amount (wei) with up to `digits` decimals, trailing zeros dropped,
 *  rounded down: `formatFLT(1234567n * 10n**15n)` = "1,234.567 FLT". */
export function formatFLT(wei: bigint, digits = 4, unit = true): string {
  const neg = wei < 0n;
  const abs = neg ? -wei : wei;
  const int = abs / WEI;
  const scale = 10n ** BigInt(18 - digits);
  const frac = ((abs % WEI) / scale).toString().padStart(digits, '0').replace(/0+$/, '');
  const text = (neg ? '-' : '') + group(int.toString()) + (frac ? '.' + frac : '');
  return unit ? `${text} FLT` : text;
}

/** Integer with separators. */
export function formatInt(n: bigint | number): string {
  const v = BigInt(n);
  return (v < 0n ? '-' : '') + group((v < 0n ? -v : v).toString());
}

/** Parses a decimal FLT amount typed by a user into wei; null if it is no
 *  plain non-negative number with at most 18 decimals. */
export function parseFLT(text: string): bigint | null {
  const t = text.trim().replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d{0,18}))?$/.exec(t);
  if (!m) return null;
  return BigInt(m[1]) * WEI + BigInt((m[2] ?? '').padEnd(18, '0') || '0');
}

/** Unix seconds as a local date and time, e.g. "8 Dec 2026, 14:05". */
export function formatDate(seconds: bigint | number, timeZone?: string): string {
  const d = new Date(Number(seconds) * 1000);
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(d);
}

/** A duration in seconds in words: "7 days", "1 day 2 hours", "45 minutes". */
export function formatDuration(seconds: bigint | number): string {
  let s = Number(seconds);
  if (s <= 0) return '0 seconds';
  const parts: string[] = [];
  const units: [number, string][] = [
    [DAY, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(s / size);
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
    s -= n * size;
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Basis points as a multiplier: 13000 -> "1.30x". */
export function formatMultiplier(bps: bigint | number): string {
  const v = Number(bps);
  return `${(Math.floor(v / 100) / 100).toFixed(2)}x`;
}

/** Basis points as a percentage: 1000 -> "10%", 10 -> "0.1%". */
export function formatBps(bps: bigint | number): string {
  return `${trim(Number(bps) / 100)}%`;
}

/** Parts per million as percentage points: 10000 -> "1 pp". */
export function formatPpm(ppm: bigint | number): string {
  return `${trim(Number(ppm) / 10_000)} pp`;
}

function trim(x: number): string {
  return String(Number(x.toFixed(4)));
}

/** 0x1234…abcd */
export function short(hex: string, keep = 4): string {
  return hex.length <= 2 + keep * 2 ? hex : `${hex.slice(0, 2 + keep)}…${hex.slice(-keep)}`;
}

/** Countdown text to `target` from `now` (seconds). */
export function countdown(target: bigint | number, now: bigint | number): string {
  const left = Number(target) - Number(now);
  return left <= 0 ? 'now' : `in ${formatDuration(left)}`;
}
