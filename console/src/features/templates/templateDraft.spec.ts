import { describe, expect, it } from 'vitest';
import { draftFrom, draftFromJson, move, type TemplateVersion } from './templateDraft';

const v1: TemplateVersion = {
  kind: 'SERVICE_RECEIPT',
  version: 1,
  title: '送达回证',
  numberWord: '送',
  blocks: [
    { style: 'TITLE', text: '送达回证' },
    { style: 'NUMBER', text: '{{documentNo}}' },
  ],
};

describe('a template draft', () => {
  it('copies the current version without sharing its blocks', () => {
    const d = draftFrom('SERVICE_RECEIPT', v1);
    expect(d).toEqual({ kind: 'SERVICE_RECEIPT', title: '送达回证', numberWord: '送', blocks: v1.blocks });
    d.blocks[0]!.text = '改';
    expect(v1.blocks![0]!.text).toBe('送达回证');
  });

  it('reads a JSON file of {title, numberWord, blocks} and keeps only the fields the API takes', () => {
    const d = draftFromJson(
      'SERVICE_RECEIPT',
      JSON.stringify({ title: 'T', numberWord: '送', blocks: [{ style: 'FIELD', label: 'L', text: 'x', extra: 1 }] }),
    );
    expect(d).toEqual({ kind: 'SERVICE_RECEIPT', title: 'T', numberWord: '送', blocks: [{ style: 'FIELD', label: 'L', text: 'x' }] });
  });

  it('refuses a file that is not a template, naming where', () => {
    expect(() => draftFromJson('SERVICE_RECEIPT', '{"title":"T"}')).toThrow('{title, numberWord, blocks[]}');
    expect(() => draftFromJson('SERVICE_RECEIPT', '{"blocks":[{"style":"SCRIPT"}]}')).toThrow('blocks[0].style');
    expect(() => draftFromJson('SERVICE_RECEIPT', 'not json')).toThrow();
  });

  it('moves a block up or down inside the list only', () => {
    const blocks = draftFrom('SERVICE_RECEIPT', v1).blocks;
    move(blocks, 0, -1);
    expect(blocks.map((b) => b.style)).toEqual(['TITLE', 'NUMBER']);
    move(blocks, 0, 1);
    expect(blocks.map((b) => b.style)).toEqual(['NUMBER', 'TITLE']);
  });
});
