import { parentPort } from 'node:worker_threads';
import { monotonicMs } from '../fanout/monotonicMs';
import { Joiner } from './Joiner';
import type { JoinRequest, Joined } from './JoinerThreadHandle';

/*
 * The twenty joiners of a storm, on a thread of their own (started by `JoinerThreadHandle`). Each
 * takes in a 2 MiB message, some 5 ms of copying in `ws` apiece: on the writers' thread that held
 * up their keystrokes, which then went out together once it was free, and the storm's end was
 * taken late.
 */

const port = parentPort;
if (!port) throw new Error('joinerThread must run as a worker thread');

port.on('message', async ({ url, count, timeoutMs }: JoinRequest) => {
  const joiners = Array.from({ length: count }, () => new Joiner(url, timeoutMs));
  const results = await Promise.all(joiners.map((joiner) => joiner.result));
  const received = joiners.map((joiner, i) => results[i]!.stateBytes + joiner.updateBytes);
  for (const joiner of joiners) joiner.close();
  const answer: Joined = { results, received, end: monotonicMs() };
  port.postMessage(answer);
});
