import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Pillar } from '../../shared/pillars';
import { Taxonomy } from '../../shared/pillars';
import type { CollabSession } from '../collab/CollabSession';

const NO_PILLARS = new Taxonomy([]);

const TaxonomyContext = createContext<Taxonomy>(NO_PILLARS);

/** The pillars of the draft on screen: chips, menus, the overview, filters and forms read them here. */
export function useTaxonomy(): Taxonomy {
  return useContext(TaxonomyContext);
}

/** Provides the draft's taxonomy to everything below it. */
export function TaxonomyProvider({ taxonomy, children }: { taxonomy: Taxonomy; children: ReactNode }) {
  return <TaxonomyContext.Provider value={taxonomy}>{children}</TaxonomyContext.Provider>;
}

/**
 * The draft's pillars, live: those its summary gave, then each set the chair saves (the server's
 * `pillars` event on the collab socket, sent to everyone who has the draft open).
 */
export function useLivePillars(session: CollabSession | null, initial: readonly Pillar[] | null): Taxonomy {
  const [pushed, setPushed] = useState<{ session: CollabSession; pillars: Pillar[] } | null>(null);
  useEffect(() => {
    if (!session) return;
    return session.onCollabEvent((event) => {
      if (event.type === 'pillars') setPushed({ session, pillars: event.pillars });
    });
  }, [session]);
  const pillars = pushed !== null && pushed.session === session ? pushed.pillars : initial;
  return useMemo(() => (pillars ? new Taxonomy(pillars) : NO_PILLARS), [pillars]);
}

/** The taxonomy of a draft summary the page has read (none while it loads). */
export function useTaxonomyOf(pillars: readonly Pillar[] | null | undefined): Taxonomy {
  return useMemo(() => (pillars ? new Taxonomy(pillars) : NO_PILLARS), [pillars]);
}
