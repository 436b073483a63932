// The typed clients of the services the field app calls, with the field app's token (ADR 0025).
import { apiClient } from '../api/client';
import type { paths as DirectoryPaths, components as DirectoryComponents } from '../api/generated/permit-sync';
import type { paths as InspectionPaths, components as InspectionComponents } from '../api/generated/inspection-service';
import { NeedsSignIn } from './outbox';
import { useFieldSession } from './session';

export type TaskView = InspectionComponents['schemas']['TaskView'];
export type ChecklistDetail = InspectionComponents['schemas']['ChecklistViewsVersionDetail'];
export type ChecklistItem = InspectionComponents['schemas']['ChecklistItemView'];
export type RecordInputCreate = InspectionComponents['schemas']['RecordInputCreate'];
export type ItemResult = InspectionComponents['schemas']['RecordInputItemInput']['result'];
export type UnitDetail = DirectoryComponents['schemas']['DirectoryViewsUnitDetail'];
export type Outlet = DirectoryComponents['schemas']['DirectoryUnitSnapshotOutlet'];

/**
 * A token for the next call. No session (a reload, or a long gap offline) or a refresh the provider refuses is
 * NeedsSignIn: the outbox keeps the record and the app asks the inspector to sign in. A refresh that fails for lack
 * of network is an ordinary network error: retried later.
 */
export async function fieldToken(): Promise<string> {
  const session = useFieldSession();
  if (!session.signedIn) throw new NeedsSignIn();
  try {
    return await session.freshToken();
  } catch (e) {
    if (e instanceof TypeError) throw e;
    throw new NeedsSignIn();
  }
}

export const inspectionApi = apiClient<InspectionPaths>(fieldToken);
export const directoryApi = apiClient<DirectoryPaths>(fieldToken);
