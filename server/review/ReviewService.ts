import type { DocumentRegistry } from '../collab/DocumentRegistry';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import type { VersionService } from '../versions/VersionService';
import { AmendmentService } from './AmendmentService';
import { ConsolidationService } from './ConsolidationService';
import { CycleService } from './CycleService';
import { ReviewPresenter } from './ReviewPresenter';
import { ReviewPublisher } from './ReviewPublisher';
import { ReviewRecords } from './ReviewRecords';
import { SupportService } from './SupportService';

/**
 * The periodic review: cycles on a published base version moving through their phases
 * (`cycles`), formal amendments with their status machine (`amendments`), co-sponsors and
 * statements (`support`), and the consolidation: the base version with the adopted amendments
 * and the live changes the chair keeps, made the live text and a new named version
 * (`consolidation`).
 *
 * Who may do what is the policy's (shared/roles.ts), checked by each part with what it knows
 * (the phase, the amendment, the person's delegation); every change is pushed at once to every
 * open client of the draft that may see it (ReviewPublisher).
 */
export class ReviewService {
  readonly cycles: CycleService;
  readonly amendments: AmendmentService;
  readonly support: SupportService;
  readonly consolidation: ConsolidationService;

  constructor(storage: Storage, registry: DocumentRegistry, versions: VersionService, logger: Logger) {
    const records = new ReviewRecords(storage, registry);
    const presenter = new ReviewPresenter(storage);
    const publish = new ReviewPublisher(storage, registry, presenter);
    this.cycles = new CycleService(storage, records, presenter, publish);
    this.amendments = new AmendmentService(storage, records, presenter, publish, logger);
    this.support = new SupportService(storage, records, publish);
    this.consolidation = new ConsolidationService({
      storage,
      registry,
      versions,
      logger,
      records,
      presenter,
      publish,
    });
  }
}
