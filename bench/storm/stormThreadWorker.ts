import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { draftFragment } from '../fanout/benchDocument';
import { monotonicMs } from '../fanout/monotonicMs';
import { TraceClient } from '../trace/TraceClient';
import { Joiner } from './Joiner';
import type { Done, Joined, StormRequest } from './StormThread';

/* The storm's clients (see `StormThread`): one request at a time, each answered in turn. */

const port = parentPort;
if (!port) throw new Error('stormThreadWorker must run as a worker thread');

/** The first paragraph's text of the first operative clause, in a copy of the draft. */
function firstOperativeText(doc: Y.Doc): Y.XmlText | undefined {
  const section = draftFragment(doc)
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'operative');
  const clause = section
    ?.toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'clause');
  const paragraph = clause?.get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
  return text instanceof Y.XmlText ? text : undefined;
}

let stayer: TraceClient | undefined;

async function handle(request: StormRequest): Promise<Joined | Done> {
  switch (request.type) {
    case 'join': {
      const joiners = Array.from({ length: request.count }, () => new Joiner(request.url, request.timeoutMs));
      const results = await Promise.all(joiners.map((joiner) => joiner.result));
      const received = joiners.map((joiner, i) => results[i]!.stateBytes + joiner.updateBytes);
      for (const joiner of joiners) joiner.close();
      return { results, received, end: monotonicMs() };
    }
    case 'stay': {
      stayer = new TraceClient(request.room, 'Chair');
      try {
        await stayer.connect(request.timeoutMs);
        return {};
      } catch (error) {
        return { problem: `the person staying in the large draft could not open it: ${(error as Error).message}` };
      }
    }
    case 'edit': {
      const text = stayer && firstOperativeText(stayer.doc);
      if (!text) return { problem: 'nobody was in the large draft to edit it before an edited storm' };
      stayer!.doc.transact(() => text.insert(text.length, ' (as amended)'));
      return {};
    }
    case 'leave': {
      const refusal = stayer?.refusal;
      stayer?.destroy();
      stayer = undefined;
      return refusal ? { problem: `the server refused the edit of the large draft: ${refusal}` } : {};
    }
  }
}

port.on('message', async (request: StormRequest) => port.postMessage(await handle(request)));
