// The loads of host-load.ts, run in a worker thread so that generating them never delays the
// test's own /metrics probe (plain JavaScript: workers load it without the test's TypeScript loader).
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

function openSocket(url) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', () => resolve(null));
    ws.once('unexpected-response', () => resolve(null));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function nonReading({ url, clients, requests, holdMs }) {
  const sockets = (await Promise.all(Array.from({ length: clients }, () => openSocket(url)))).filter(Boolean);
  for (const ws of sockets) {
    ws.on('error', () => undefined);
    // ws keeps its socket private; pausing it is what a client that never reads does.
    ws._socket.pause();
    for (let id = 1; id <= requests; id++) ws.send(JSON.stringify({ t: 'call', id, method: 'getSnapshot', args: [] }));
  }
  await sleep(holdMs);
  for (const ws of sockets) ws.terminate();
  return { admitted: sockets.length };
}

async function flood({ url, requests, settleMs }) {
  const ws = await openSocket(url);
  if (!ws) return { ok: 0, refused: 0, closed: true };
  const result = { ok: 0, refused: 0, closed: false };
  ws.on('message', (data) => {
    const text = data.toString();
    if (!text.startsWith('{"t":"reply"')) return;
    if (text.includes('"ok":true')) result.ok++;
    else result.refused++;
  });
  ws.on('close', () => (result.closed = true));
  for (let id = 1; id <= requests; id++) ws.send(JSON.stringify({ t: 'call', id, method: 'getSnapshot', args: [] }));
  const deadline = Date.now() + settleMs;
  while (Date.now() < deadline && result.ok + result.refused < requests && !result.closed) await sleep(50);
  ws.terminate();
  return result;
}

async function many({ url, clients, holdMs }) {
  const sockets = (await Promise.all(Array.from({ length: clients }, () => openSocket(url)))).filter(Boolean);
  await sleep(holdMs);
  for (const ws of sockets) ws.terminate();
  return { admitted: sockets.length };
}

const loads = { nonReading, flood, many };
parentPort.postMessage(await loads[workerData.load](workerData));
