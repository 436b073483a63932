// Figures as Chinese officers write them: amounts in 元 with thousands separators (and 万元 beside large ones, the
// unit decisions are discussed in), dates as YYYY-MM-DD and times in the bureau's zone (China Standard Time).
const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

export function yuan(amount: number | undefined | null, locale = 'zh-CN'): string {
  if (amount == null) return '';
  if (locale.startsWith('zh')) {
    const text = `${grouped.format(amount)} 元`;
    return Math.abs(amount) >= 10_000 ? `${text}（${wan.format(amount / 10_000)} 万元）` : text;
  }
  return `CNY ${grouped.format(amount)}`;
}

/** A plain number with separators (a range's width, a raw amount in a formula). */
export function number(value: number | undefined | null): string {
  return value == null ? '' : grouped.format(value);
}

/** A share of the range (p) as a percentage: 0.11 → 11%. */
export function percent(share: number | undefined | null): string {
  if (share == null) return '';
  return `${Number((share * 100).toFixed(4))}%`;
}

const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant in China Standard Time, `2026-12-05 18:30`; a bare day is shown as it is. */
export function when(value: string | undefined | null): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const parts = Object.fromEntries(beijing.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
