// The 工作台's figures as pure functions of what the services answer, so the arithmetic is unit-tested apart from
// the charts (figures.spec.ts) and each chart only draws.
import type { components as Reporting } from '../../api/generated/reporting-service';
import type { components as Liaison } from '../../api/generated/liaison-service';

export type Progress = Reporting['schemas']['ProgressReport'];
export type Summary = Reporting['schemas']['SummaryTable'];
export type Obligation = Liaison['schemas']['DeadlineViewsObligation'];

/** Month labels and the series of the plan-progress chart: tasks planned and done, inspections, per month. */
export function progressSeries(progress: Progress) {
  const months = progress.months ?? [];
  return {
    months: months.map((m) => m.month ?? ''),
    planned: months.map((m) => m.tasksPlanned ?? 0),
    done: months.map((m) => m.tasksDone ?? 0),
    inspections: months.map((m) => m.inspections ?? 0),
    /** done ÷ planned over the year so far, in whole percent; null when nothing was planned */
    completion: (() => {
      const planned = progress.total?.tasksPlanned ?? 0;
      return planned > 0 ? Math.round(((progress.total?.tasksDone ?? 0) * 100) / planned) : null;
    })(),
  };
}

/** Findings per violation type (附件1's columns), most frequent first, types without findings left out. */
export function violationBars(summary: Summary): { code: string; label: string; count: number }[] {
  const counts = summary.total?.violations ?? {};
  return (summary.violationTypes ?? [])
    .map((c) => ({ code: c.code ?? '', label: c.label ?? c.code ?? '', count: counts[c.code ?? ''] ?? 0 }))
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export interface DueItem {
  obligation: string;
  period: string;
  dueDate: string;
  daysLeft: number;
}

/** The next reporting deadlines from today (inclusive), soonest first, at most `limit`. */
export function nextDeadlines(obligations: Obligation[], today: string, limit = 5): DueItem[] {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  return obligations
    .flatMap((o) =>
      (o.instances ?? [])
        .filter((i) => i.dueDate && i.dueDate >= today)
        .map((i) => ({ obligation: o.title ?? o.code ?? '', period: i.period ?? '', dueDate: i.dueDate!, daysLeft: day(i.dueDate!) - day(today) })),
    )
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.obligation.localeCompare(b.obligation))
    .slice(0, limit);
}
