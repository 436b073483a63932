// A template version being edited: the shape the API takes (TemplateControllerNewVersion), built from the current
// version or from a JSON file the province prepared. The service checks the blocks (placeholders of the kind, FIELD
// labels, the 文号 block) and names each fault `blocks[i].text` etc.; this file only moves data.
import type { components } from '../../api/generated/inspection-service';

export type TemplateVersion = components['schemas']['TemplateControllerVersion'];
export type NewVersion = components['schemas']['TemplateControllerNewVersion'];
export type Block = components['schemas']['DocumentTemplateBlock'];
export type TemplateKind = NewVersion['kind'];

export const TEMPLATE_KINDS: TemplateKind[] = [
  'INSPECTION_RECORD',
  'INTERVIEW_RECORD',
  'RECTIFICATION_ORDER',
  'PRIOR_NOTICE',
  'PENALTY_DECISION',
  'NO_PENALTY_DECISION',
  'DAILY_PENALTY_DECISION',
  'SERVICE_RECEIPT',
];

export const STYLES: NonNullable<Block['style']>[] = ['BUREAU', 'TITLE', 'NUMBER', 'TEXT', 'FIELD', 'EVIDENCE', 'SIGNATURE'];

/** A fresh draft of the kind: a copy of its current version (never the same objects: editing must not alter it). */
export function draftFrom(kind: TemplateKind, current?: TemplateVersion): NewVersion {
  return {
    kind,
    title: current?.title ?? '',
    numberWord: current?.numberWord ?? '',
    blocks: (current?.blocks ?? []).map((b) => ({ ...b })),
  };
}

/**
 * A draft from a JSON file: `{title, numberWord, blocks}` (the kind is the one chosen on the page). Throws with a
 * readable message when the file is not that shape, so nothing half-read reaches the form.
 */
export function draftFromJson(kind: TemplateKind, text: string): NewVersion {
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== 'object' || !Array.isArray((value as { blocks?: unknown }).blocks)) {
    throw new Error('{title, numberWord, blocks[]}');
  }
  const v = value as { title?: unknown; numberWord?: unknown; blocks: unknown[] };
  const blocks: Block[] = v.blocks.map((b, i) => {
    if (!b || typeof b !== 'object') throw new Error(`blocks[${i}]`);
    const o = b as Record<string, unknown>;
    const style = String(o.style ?? '') as Block['style'];
    if (!STYLES.includes(style!)) throw new Error(`blocks[${i}].style`);
    const block: Block = { style };
    for (const k of ['label', 'text', 'when'] as const) if (typeof o[k] === 'string') block[k] = o[k] as string;
    return block;
  });
  return { kind, title: String(v.title ?? ''), numberWord: String(v.numberWord ?? ''), blocks };
}

/** Moves block `i` by `delta` (−1 up, +1 down) when it stays inside the list. */
export function move(blocks: Block[], i: number, delta: number): void {
  const j = i + delta;
  if (j < 0 || j >= blocks.length) return;
  const moved = blocks[i]!;
  blocks[i] = blocks[j]!;
  blocks[j] = moved;
}
