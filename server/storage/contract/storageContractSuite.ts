import { afterEach, beforeEach, describe } from 'vitest';
import type { Storage } from '../Storage';
import { auditContract } from './audit';
import { commentsContract } from './comments';
import { documentLogContract } from './documentLog';
import { draftsContract } from './drafts';
import type { ContractBackend } from './fixtures';
import { metaContract } from './meta';
import { negotiationContract } from './negotiation';
import { orderContract } from './order';
import { peopleContract } from './people';
import { reviewContract } from './review';
import { versionsContract } from './versions';

/** Opens a fresh, empty storage for one test and says how to dispose of it. */
export type OpenStorage = () => Promise<{ storage: Storage; dispose: () => Promise<void> }>;

/**
 * The behaviour every storage backend must have. Each backend's test file calls this with a way
 * to open a fresh instance, so SQLite and PostgreSQL are held to exactly the same contract: one
 * suite per area of {@link Storage} (each exercising that area's interface, with no more of the
 * others than its rows need), and one for what databases do differently unless told otherwise.
 */
export function storageContractSuite(name: string, open: OpenStorage, backend: ContractBackend): void {
  describe(`${name} storage contract`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, dispose } = await open());
    });
    afterEach(async () => {
      await dispose();
    });

    const current = () => storage;
    draftsContract(current);
    documentLogContract(current, backend);
    peopleContract(current);
    commentsContract(current);
    versionsContract(current);
    reviewContract(current);
    negotiationContract(current);
    auditContract(current);
    metaContract(current);
    orderContract(current);
  });
}
