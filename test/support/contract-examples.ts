import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The contract's complete example messages, which unit and end-to-end specs hold the hub to. They belong to the
 * contract, not to the hub, so they are read where the contract lives: `shared/contract/` beside the checkout, or
 * the folder `HUB_CONTRACT_DIR` names (a clone kept elsewhere).
 */
export function contractExamplesDir(): string {
  const contract = process.env.HUB_CONTRACT_DIR || path.resolve(__dirname, '../../../shared/contract');
  const examples = path.join(contract, 'examples');
  if (!fs.existsSync(examples))
    throw new Error(
      `the contract's example messages are not at ${examples}: clone the hub beside shared/ (../shared/contract) or set HUB_CONTRACT_DIR to the contract's folder`,
    );
  return examples;
}
