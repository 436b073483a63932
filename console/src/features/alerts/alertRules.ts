// Which review an alert takes, and what each review decision must carry (ReviewRequest in inspection-service:
// DISMISS needs a reason, TASK a method and two to ten inspectors, CASE the facts). Only OPEN alerts are reviewed.
import type { components, paths } from '../../api/generated/inspection-service';

export type AlertView = components['schemas']['AlertView'];
export type ReviewRequest = components['schemas']['ReviewRequest'];
export type ReviewDecision = ReviewRequest['decision'];
// The known rules are the list filter's enum; an alert's own rule is a string (a monitoring rule may be newer).
export type AlertRule = NonNullable<NonNullable<paths['/api/v1/alerts']['get']['parameters']['query']>['rule']>;
export type AlertStatus = NonNullable<AlertView['status']>;

export type AlertSource = NonNullable<AlertView['source']>;

export const RULES: AlertRule[] = [
  'PERMIT_NOT_VALID_BUT_OPERATING',
  'CATEGORY_TOO_LOW',
  'HOURLY_EXCEEDANCE',
  'DAILY_EXCEEDANCE',
  'CONSTANT_VALUE',
  'ZERO_OR_NEGATIVE',
  'DATA_MISSING',
  'FLAG_MISUSE',
  'ANNUAL_TONNAGE_AHEAD',
  'UNKNOWN_OUTLET',
];
export const SOURCES: AlertSource[] = ['REMOTE_CHECK', 'MONITORING'];

/** A rule's label, or its raw code for a monitoring rule this console does not know yet (the service keeps it). */
export function ruleLabel(rule: string | undefined, t: (key: string) => string, te: (key: string) => boolean): string {
  if (!rule) return '';
  return te(`alerts.enums.rule.${rule}`) ? t(`alerts.enums.rule.${rule}`) : rule;
}
export const STATUSES: AlertStatus[] = ['OPEN', 'DISMISSED', 'TASKED', 'CASED', 'RESOLVED'];
export const DECISIONS: ReviewDecision[] = ['DISMISS', 'TASK', 'CASE'];

export function reviewable(alert: AlertView, roles: readonly string[]): boolean {
  return alert.status === 'OPEN' && roles.some((r) => r === 'PROVINCE' || r === 'CITY' || r === 'COUNTY');
}

export interface ReviewForm {
  decision: ReviewDecision;
  reason: string;
  facts: string;
  method: 'ON_SITE' | 'REMOTE';
  dueDate: string;
  inspectorIds: string[];
  department: string;
}

/** The request for the chosen decision: only its own members, empty optional ones left to the service's defaults. */
export function reviewBody(form: ReviewForm): ReviewRequest {
  switch (form.decision) {
    case 'DISMISS':
      return { decision: 'DISMISS', reason: form.reason };
    case 'CASE':
      return { decision: 'CASE', facts: form.facts };
    case 'TASK':
      return {
        decision: 'TASK',
        method: form.method,
        inspectorIds: form.inspectorIds,
        dueDate: form.dueDate || undefined,
        department: form.department || undefined,
      };
  }
}
