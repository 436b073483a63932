/** The month a new draw defaults to: the current one inside the plan's year, otherwise the plan year's January. */
export function defaultMonth(planYear: number, today: Date): string {
  if (today.getFullYear() === planYear) return `${planYear}-${String(today.getMonth() + 1).padStart(2, '0')}`;
  return `${planYear}-01`;
}
