// age encryption runs in a worker thread because age-encryption is an ES
// module only: the runner is CommonJS (ts-node, ts-jest), and jest's module
// sandbox cannot load ES modules without --experimental-vm-modules. A worker
// is a plain Node context where a static import just works, and it moves the
// cipher off the main thread as a bonus.
//
// Protocol per job, strictly pull-based in both directions so memory stays bounded
// and a slow consumer slows the producer (transferred web streams stalled
// now and then in Node 20, so data moves as explicit messages instead):
//   main → worker  { op: 'encrypt', keys: recipients } | { op: 'decrypt', keys: identities } | { op: 'generate' }
//   worker → main  { type: 'pull' }                       wants the next input chunk
//   main → worker  { type: 'chunk', data } | { type: 'end' } | { type: 'input-error', message }
//   worker → main  { type: 'ready' }                      header written / checked
//                  { type: 'failed', stage: 'keys' | 'header', message }
//   main → worker  { type: 'read' }                       wants the next output chunk
//   worker → main  { type: 'data', data } | { type: 'end' } | { type: 'error', message }
//                  { type: 'generated', identity, recipient }
import { parentPort } from 'node:worker_threads';
import * as age from 'age-encryption';

// One job at a time; a worker whose job ended cleanly is reused for the next
// one (loading age and its post-quantum code costs more than a small backup).
let job;

function newInput(current) {
  return new ReadableStream(
    {
      pull: (controller) =>
        new Promise((resolve) => {
          current.pendingPull = { controller, resolve };
          parentPort.postMessage({ type: 'pull' });
        }),
    },
    { highWaterMark: 0 },
  );
}

function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

function deliverInput(message) {
  const pull = job?.pendingPull;
  if (job) job.pendingPull = undefined;
  if (!pull) return;
  if (message.type === 'chunk') pull.controller.enqueue(new Uint8Array(message.data));
  else if (message.type === 'end') pull.controller.close();
  else pull.controller.error(new Error(message.message));
  pull.resolve();
}

async function readOutput() {
  try {
    const { done, value } = await job.reader.read();
    if (done) return parentPort.postMessage({ type: 'end' });
    const copy = value.slice();
    parentPort.postMessage({ type: 'data', data: copy.buffer }, [copy.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: messageOf(err) });
  }
}

async function start(request) {
  job = {};
  if (request.op === 'generate') {
    const identity = await age.generateX25519Identity();
    return parentPort.postMessage({ type: 'generated', identity, recipient: await age.identityToRecipient(identity) });
  }
  const cipher = request.op === 'encrypt' ? new age.Encrypter() : new age.Decrypter();
  try {
    for (const key of request.keys) {
      if (request.op === 'encrypt') cipher.addRecipient(key);
      else cipher.addIdentity(key);
    }
  } catch (err) {
    return parentPort.postMessage({ type: 'failed', stage: 'keys', message: messageOf(err) });
  }
  try {
    // encrypt() wraps the file key for every recipient before it reads any
    // input (a malformed public key fails here); decrypt() reads and
    // authenticates the header before it resolves (a wrong identity fails here).
    const input = newInput(job);
    const output = request.op === 'encrypt' ? await cipher.encrypt(input) : await cipher.decrypt(input);
    job.reader = output.getReader();
    parentPort.postMessage({ type: 'ready' });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', stage: request.op === 'encrypt' ? 'keys' : 'header', message: messageOf(err) });
  }
}

parentPort.on('message', (message) => {
  if (message.op !== undefined) void start(message);
  else if (message.type === 'read') void readOutput();
  else deliverInput(message);
});
