// The liaison screens' types (from liaison-service's contract of record) and the rules that are not layout.
import type { components } from '../../api/generated/liaison-service';

export type Contact = components['schemas']['ContactViewsContact'];
export type ContactForm = components['schemas']['ContactForm'];
export type Obligation = components['schemas']['DeadlineViewsObligation'];
export type DeadlineStatus = components['schemas']['DeadlineViewsStatus'];
export type CityStatus = components['schemas']['DeadlineViewsCityStatus'];
export type Submission = components['schemas']['DeadlineViewsSubmission'];
export type SubmissionForm = components['schemas']['SubmissionForm'];
export type Clue = components['schemas']['ClueView'];
export type ClueCreate = components['schemas']['ClueFormsCreate'];
export type Department = NonNullable<ClueCreate['toDepartment']>;
export type FeedbackResult = NonNullable<components['schemas']['ClueFormsFeedback']['result']>;

export const CONTACT_ROLES = ['ENFORCEMENT', 'PERMIT_ISSUING', 'PROVINCE'] as const;
export const DEPARTMENTS: Department[] = ['MONITORING', 'PERMIT_ISSUING', 'ENFORCEMENT', 'DAMAGE_COMPENSATION'];
export const RESULTS: FeedbackResult[] = ['CASE_FILED', 'RECTIFICATION_ORDERED', 'NO_VIOLATION_FOUND', 'TRANSFERRED_ON', 'OTHER'];
export const CLUE_STATUSES = ['CREATED', 'ACCEPTED', 'REJECTED', 'FEEDBACK_GIVEN', 'CLOSED'] as const;

/** The service masks phone and e-mail for a caller without pii:read (Masking: 139****5678, z***@x.cn). */
export const isMasked = (value: string | undefined) => !!value && value.includes('*');

/**
 * The edit form of a listed contact. A masked phone or e-mail cannot be sent back (the service would validate the
 * stars and reject them), so it starts empty and must be entered again by whoever edits without the right.
 */
export function editForm(c: Contact): ContactForm {
  return {
    role: c.role,
    divisionCode: c.divisionCode,
    personName: c.personName,
    organisation: c.organisation,
    position: c.position,
    phone: isMasked(c.phone) ? '' : c.phone,
    email: isMasked(c.email) ? '' : c.email,
    remarks: c.remarks,
    sortOrder: c.sortOrder,
  };
}

/** What a clue's receiver or sender may do next (the contract's state machine, README "Clues"). */
export function clueActions(clue: Clue): ('accept' | 'reject' | 'feedback' | 'close')[] {
  if (clue.direction === 'INCOMING') {
    if (clue.status === 'CREATED') return ['accept', 'reject'];
    if (clue.status === 'ACCEPTED') return ['feedback'];
    return [];
  }
  return clue.status === 'FEEDBACK_GIVEN' ? ['close'] : [];
}

/** Per city and period, the tag an officer reads first: overdue and missing in red, late in amber. */
export function statusTag(status: CityStatus['status']): 'success' | 'warning' | 'danger' | 'info' {
  return status === 'ON_TIME' ? 'success' : status === 'LATE' ? 'warning' : status === 'MISSING' ? 'danger' : 'info';
}

/** A document's metadata as the submission records it: name, type, size and the SHA-256 of its bytes (hex). */
export async function documentOf(file: File): Promise<NonNullable<SubmissionForm['document']>> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size, sha256 };
}
