import { describe, expect, it } from 'vitest';
import { countdown, formatBps, formatDate, formatDuration, formatFLT, formatMultiplier, formatPpm, parseFLT, short } from './format';

describe('format', () => {
  it('FLT amounts with separators, decimals rounded down, zeros dropped', () => {
    expect(formatFLT(0n)).toBe('0 FLT');
    expect(formatFLT(100_000n * 10n ** 18n)).toBe('100,000 FLT');
    expect(formatFLT(1_234_567n * 10n ** 15n)).toBe('1,234.567 FLT');
    expect(formatFLT(1n)).toBe('0 FLT');
    expect(formatFLT(19_999n * 10n ** 14n)).toBe('1.9999 FLT');
    expect(formatFLT(19_999n * 10n ** 14n, 2)).toBe('1.99 FLT');
    expect(formatFLT(-5n * 10n ** 18n, 0, false)).toBe('-5');
  });
  it('parses typed FLT, refusing what is not a plain number', () => {
    expect(parseFLT('20000')).toBe(20_000n * 10n ** 18n);
    expect(parseFLT('1,000.5')).toBe(1_000_500n * 10n ** 15n);
    expect(parseFLT('0.000000000000000001')).toBe(1n);
    expect(parseFLT('0.0000000000000000001')).toBeNull();
    expect(parseFLT('-1')).toBeNull();
    expect(parseFLT('1e3')).toBeNull();
    expect(parseFLT('')).toBeNull();
  });
  it('dates in the given zone', () => {
    expect(formatDate(1_767_225_600, 'UTC')).toBe('1 Jan 2026, 00:00');
    expect(formatDate(1_767_225_600, 'Asia/Tokyo')).toBe('1 Jan 2026, 09:00');
  });
  it('durations in words, two units at most', () => {
    expect(formatDuration(0)).toBe('0 seconds');
    expect(formatDuration(86_400)).toBe('1 day');
    expect(formatDuration(14 * 86_400)).toBe('14 days');
    expect(formatDuration(1_440_000)).toBe('16 days 16 hours');
    expect(formatDuration(3_600)).toBe('1 hour');
    expect(formatDuration(90_061)).toBe('1 day 1 hour');
    expect(countdown(100, 40)).toBe('in 1 minute');
    expect(countdown(100, 100)).toBe('now');
  });
  it('ratios', () => {
    expect(formatMultiplier(13_000)).toBe('1.30x');
    expect(formatMultiplier(15_000)).toBe('1.50x');
    expect(formatBps(1_000)).toBe('10%');
    expect(formatBps(10)).toBe('0.1%');
    expect(formatPpm(10_000)).toBe('1 pp');
    expect(formatPpm(1_000)).toBe('0.1 pp');
    expect(short('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('0xf39F…2266');
  });
});
