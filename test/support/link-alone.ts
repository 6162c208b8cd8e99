import { IncomingRecord, LinkOutcome } from '@hub/matching';
import { LinkingOutputs, RecordLinker } from '../../apps/matcher/src/record-linker';

/** Nothing written to the outbox: the tests and evaluations that link records directly publish no decision. */
const NO_OUTPUTS: LinkingOutputs = { decisions: () => [], secondLook: () => [] };

/** One record linked in a chunk of its own, as the matcher links a chunk (RecordLinker.linkChunk), its decision published nowhere. */
export async function linkAlone(
  linker: RecordLinker,
  source: string,
  person: IncomingRecord['person'],
  household?: IncomingRecord['household'],
): Promise<LinkOutcome> {
  const [outcome] = await linker.linkChunk([{ source, person, household }], NO_OUTPUTS);
  return outcome;
}
