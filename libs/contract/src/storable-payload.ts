import { isStorableText } from '@hub/identity';
import { IntakeRejection } from './error-codes';

/**
 * In JSON as JSON.stringify writes it (well-formed), a NUL is always the escape \u0000 and an unpaired
 * surrogate always \ud800-\udfff, while a pair is written as the character itself: so one scan of the
 * serialised payload finds both, without walking it. An even run of backslashes before \u is text.
 */
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/**
 * Rejects an event whose id or payload text PostgreSQL (and so the matcher and the detector) cannot store:
 * JSON allows both, the contract's text fields are names, codes and dates, and neither belongs in them.
 */
export function assertStorableText(id: string, dataJson: string): void {
  if (!isStorableText(id))
    throw new IntakeRejection('INVALID_TEXT', 'attribute "id" holds a NUL character or an unpaired surrogate');
  if (UNSTORABLE_ESCAPE.test(dataJson))
    throw new IntakeRejection('INVALID_TEXT', 'a text field of "data" holds a NUL character or an unpaired surrogate');
}
