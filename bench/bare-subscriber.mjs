// The baseline of bench/ingest.ts: the least a QoS 1 subscriber does, in a process of its own.
// mqtt.js, a persistent session, QoS 1 on the wall's event filter, JSON.parse of each payload.
// argv: broker URL, client id, messages to wait for. Prints "ready" once subscribed and
// "done <epoch ms>" when the last one is in; then waits to be killed.
import mqtt from 'mqtt';

const [url, clientId, want] = process.argv.slice(2);
const target = Number(want);
let n = 0;
let sink = 0;
const client = mqtt.connect(url, { clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0 });
client.on('message', (_topic, payload) => {
  sink += JSON.parse(payload.toString()) ? 1 : 0;
  if (++n === target) console.log(`done ${Date.now()}`);
});
client.on('connect', () => {
  client.subscribe(['soc/v1/+/+/event', 'soc/v1/+/+/heartbeat', 'soc/v1/+/endpoints'], { qos: 1 }, () => console.log('ready'));
});
client.on('error', (err) => console.error(err.message));
process.on('exit', () => sink < 0 && console.log(sink));
