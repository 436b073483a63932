// Time axes in Beijing time, whatever the browser's zone (a bureau's screen, a field laptop set to another zone, the
// CI machine in UTC): the tables print Beijing wall-clock times, so the charts next to them must too. China keeps
// UTC+8 all year (no daylight saving), so an instant shifted by 8 h and drawn by ECharts in UTC (`useUTC: true`)
// shows Beijing's ticks, day boundaries and tooltips.
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** An instant (ISO 8601) as the x value of a chart drawn with {@link BEIJING_TIME_OPTION}. */
export function beijingTime(iso: string): number {
  return Date.parse(iso) + BEIJING_OFFSET_MS;
}

/** Spread into a chart's option with a `type: 'time'` x axis whose values come from {@link beijingTime}. */
export const BEIJING_TIME_OPTION = { useUTC: true } as const;
