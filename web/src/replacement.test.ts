import { decodeAbiParameters, getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { MAX_SIGNERS, councilReplacement } from './replacement';

const A = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const B = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const C = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';

describe('council replacement', () => {
  it('encodes (address[] signers, uint8 threshold) as FLTCouncil decodes it', () => {
    const r = councilReplacement(`${A}, ${B}\n${C}`, ' 2 ');
    if ('error' in r) throw new Error(r.error);
    expect(r.signers).toEqual([getAddress(A), getAddress(B), getAddress(C)]);
    expect(r.threshold).toBe(2);
    const [signers, threshold] = decodeAbiParameters([{ type: 'address[]' }, { type: 'uint8' }], r.data);
    expect([signers, threshold]).toEqual([[getAddress(A), getAddress(B), getAddress(C)], 2]);
    // One signer, threshold 1: the smallest council.
    expect('data' in councilReplacement(A, '1')).toBe(true);
  });
  it('refuses what FLTCouncil would refuse, saying why', () => {
    const err = (s: string, t: string) => {
      const r = councilReplacement(s, t);
      return 'error' in r ? r.error : `accepted: ${r.data}`;
    };
    expect(err('', '1')).toMatch(/Enter the new council’s signer addresses/);
    expect(err(`${A},0x1234`, '1')).toBe('0x1234 is not an address (or its checksum is wrong).');
    // A mixed-case address with a broken checksum.
    expect(err('0x70997970c51812dc3A010C7d01b50e0d17dc79C8', '1')).toMatch(/checksum is wrong/);
    expect(err(`${A} 0x0000000000000000000000000000000000000000`, '1')).toBe('The zero address cannot be a signer.');
    // The same signer in lower case and checksummed.
    expect(err(`${A}, ${getAddress(A)}`, '1')).toBe(`${getAddress(A)} is listed twice.`);
    expect(err(`${A}, ${B}`, '0')).toBe('The threshold is the number of approvals an action needs: 1 to 2.');
    expect(err(`${A}, ${B}`, '3')).toBe('The threshold is the number of approvals an action needs: 1 to 2.');
    expect(err(`${A}, ${B}`, '1.5')).toMatch(/1 to 2/);
    const many = Array.from({ length: MAX_SIGNERS + 1 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`);
    expect(err(many.join(','), '1')).toBe(`A council has at most ${MAX_SIGNERS} signers; ${MAX_SIGNERS + 1} are listed.`);
    expect('data' in councilReplacement(many.slice(0, MAX_SIGNERS).join(','), String(MAX_SIGNERS))).toBe(true);
  });
});
