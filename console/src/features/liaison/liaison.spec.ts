import { describe, expect, it } from 'vitest';
import { clueActions, documentOf, editForm, isMasked, statusTag } from './liaison';

describe('the liaison screens', () => {
  it('recognises the service masks and does not send them back when editing', () => {
    expect(isMasked('139****5678')).toBe(true);
    expect(isMasked('w***@ty.gov.cn')).toBe(true);
    expect(isMasked('13912345678')).toBe(false);
    const form = editForm({ id: 'c1', role: 'ENFORCEMENT', divisionCode: '140100', personName: '王建国', phone: '139****5678', email: 'w***@ty.gov.cn' });
    expect(form.phone).toBe('');
    expect(form.email).toBe('');
    expect(form.personName).toBe('王建国');
    expect(editForm({ phone: '13912345678', email: 'wang@ty.gov.cn' }).phone).toBe('13912345678');
  });

  it("offers a clue's next steps by direction and state", () => {
    expect(clueActions({ direction: 'INCOMING', status: 'CREATED' })).toEqual(['accept', 'reject']);
    expect(clueActions({ direction: 'INCOMING', status: 'ACCEPTED' })).toEqual(['feedback']);
    expect(clueActions({ direction: 'OUTGOING', status: 'CREATED' })).toEqual([]);
    expect(clueActions({ direction: 'OUTGOING', status: 'FEEDBACK_GIVEN' })).toEqual(['close']);
    expect(clueActions({ direction: 'INCOMING', status: 'CLOSED' })).toEqual([]);
  });

  it('colours a missing submission red and a late one amber', () => {
    expect(statusTag('MISSING')).toBe('danger');
    expect(statusTag('LATE')).toBe('warning');
    expect(statusTag('ON_TIME')).toBe('success');
    expect(statusTag('PENDING')).toBe('info');
  });

  it("records a document's name, type, size and SHA-256", async () => {
    const file = new File(['abc'], '调度表.xlsx', { type: 'application/vnd.ms-excel' });
    // SHA-256("abc") is the FIPS 180-2 example digest
    expect(await documentOf(file)).toEqual({
      fileName: '调度表.xlsx',
      contentType: 'application/vnd.ms-excel',
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });
});
