/**
 * Child process of the durability test: records feedback events as fast as it can and prints
 * "ack <id>" after each record() resolved — the moment the UI would tell the person it is saved.
 * The parent SIGKILLs it mid-stream. Usage: node child.mjs DATA_DIR ID,ID,...
 */
import { Store } from '../../../src/main/store/index';
import { EventBus } from '../../../src/main/events';
import { Recommender } from '../../../src/main/recommend/recommender';
import type { FeedbackKind } from '../../../src/shared/recommend';

const [dataDir, idList] = process.argv.slice(2);
const ids = idList.split(',').map(Number);
const kinds: FeedbackKind[] = ['play', 'complete', 'skip', 'like', 'queue'];

const store = await Store.open(dataDir);
const rec = new Recommender({ store, events: new EventBus() });
for (let i = 0; ; i++) {
  const e = await rec.record({
    trackId: ids[i % ids.length],
    kind: kinds[i % kinds.length],
    positionS: i % kinds.length === 2 ? 12 : null,
    sessionId: 'durability',
    source: 'upnext',
  });
  process.stdout.write(`ack ${e.id}\n`);
}
